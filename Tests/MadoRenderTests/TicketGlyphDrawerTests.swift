// SPDX-License-Identifier: Apache-2.0
// A rendered capture shows the ticket's characters in their cells, where the printer would print them.
import MadoCore
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct TicketGlyphDrawerTests {
    static let renderer = TicketGlyphDrawer.shared.pageRenderer()

    static func inkedColumns(_ page: ESCPOSPage, rows: Range<Int>) -> [Int] {
        (0..<page.width).filter { x in rows.contains { page[x, $0] } }
    }

    @Test func charactersStayInsideTheirCells() {
        let page = Self.renderer.render([.kanjiMode(true), .text("A市W"), .lineFeed])
        #expect(page.height == 30)
        // Cells: A 0..<12, 市 12..<36, W 36..<48 (W is condensed into its half-width cell).
        let columns = Self.inkedColumns(page, rows: 0..<30)
        #expect(columns.first! >= 0 && columns.last! < 48)
        #expect(columns.contains { $0 < 12 } && columns.contains { (12..<36).contains($0) })
        #expect(columns.contains { $0 >= 36 })
        #expect((24..<30).allSatisfy { y in (0..<48).allSatisfy { !page[$0, y] } }, "the line gap stays blank")
    }

    @Test func theDrawnCharacterIsTheFontsNotABox() {
        let boxes = ESCPOSPageRenderer().render([.kanjiMode(true), .text("市"), .lineFeed])
        let glyphs = Self.renderer.render([.kanjiMode(true), .text("市"), .lineFeed])
        #expect(boxes.height == glyphs.height)
        #expect(boxes.dots != glyphs.dots)
        let request = ESCPOSGlyphRequest(
            character: "市", cellWidth: 24, cellHeight: 24, isKanji: true, emphasized: false)
        let glyph = TicketGlyphDrawer.shared.glyph(for: request)!
        #expect((0..<24).allSatisfy { y in (0..<24).allSatisfy { x in glyphs[x, y] == glyph[x, y] } })
    }

    @Test func magnifiedAndEmphasisedCellsAreDrawnLargerAndBolder() {
        let small = TicketGlyphDrawer.shared.glyph(
            for: ESCPOSGlyphRequest(character: "0", cellWidth: 12, cellHeight: 24, isKanji: false, emphasized: false))!
        let large = TicketGlyphDrawer.shared.glyph(
            for: ESCPOSGlyphRequest(character: "0", cellWidth: 96, cellHeight: 192, isKanji: false, emphasized: false))!
        let bold = TicketGlyphDrawer.shared.glyph(
            for: ESCPOSGlyphRequest(character: "0", cellWidth: 96, cellHeight: 192, isKanji: false, emphasized: true))!
        #expect(small.width == 12 && small.height == 24)
        #expect(large.width == 96 && large.height == 192)
        #expect(large.blackDotCount > small.blackDotCount * 30)
        #expect(bold.blackDotCount > large.blackDotCount)
    }

    @Test func aCharacterNoFontHasIsShownAsABox() {
        let page = Self.renderer.render([.text("\u{F0000}"), .lineFeed])
        let boxes = ESCPOSPageRenderer().render([.text("\u{F0000}"), .lineFeed])
        #expect(page.dots == boxes.dots)
    }
}
