// SPDX-License-Identifier: Apache-2.0
// The machine has the fonts the goldens were drawn with.
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct TicketFontTests {
    @Test func theTicketFontsAreInstalled() {
        // Without them rare kanji are refused and tickets differ from the goldens.
        let missing = TicketFont.missingPackages()
        #expect(missing.isEmpty, "install \(missing.joined(separator: " ")) (scripts/install-deps)")
        #expect(!TicketFont.isInstalled("Mado Nonexistent Sans"), "fontconfig's substitute is not taken for it")
    }
}
