// SPDX-License-Identifier: Apache-2.0
// Fills the page renderer's character cells with the ticket font, so a rendered capture can be read.
public import MadoCore
internal import Synchronization

/// The `ESCPOSGlyphDrawer` for `ESCPOSPageRenderer`: each character drawn into its cell (12×24 ANK or
/// 24×24 Kanji dots, times the GS ! magnification) in the ticket font, as a printer with a Kanji ROM
/// would. A character wider than its cell (IPAex's Latin letters are proportional) is condensed to fit.
/// Glyphs are cached, since a page repeats the same few characters at the same sizes. Thread-safe.
public final class TicketGlyphDrawer: Sendable {
    public static let shared = TicketGlyphDrawer()

    /// Drawn cells by request; a nil entry remembers that no font has the character.
    private let cache = Mutex<[ESCPOSGlyphRequest: ESCPOSBitmap?]>([:])

    public init() {}

    public func glyph(for request: ESCPOSGlyphRequest) -> ESCPOSBitmap? {
        if let cached = cache.withLock({ $0[request] }) { return cached }
        let glyph = draw(request)
        cache.withLock { $0[request] = .some(glyph) }
        return glyph
    }

    /// This drawer as the closure `ESCPOSPageRenderer` takes.
    public var closure: ESCPOSGlyphDrawer { { [self] in glyph(for: $0) } }

    /// A page renderer that draws text with this drawer.
    public func pageRenderer(
        paperWidth: Int = ESCPOSPage.width80mm, textEncoder: CP932Encoder = CP932Encoder()
    ) -> ESCPOSPageRenderer {
        ESCPOSPageRenderer(paperWidth: paperWidth, textEncoder: textEncoder, glyphDrawer: closure)
    }

    private func draw(_ request: ESCPOSGlyphRequest) -> ESCPOSBitmap? {
        let base = request.isKanji ? ESCPOSPageRenderer.kanjiCell : ESCPOSPageRenderer.ankCell
        let widthScale = Double(request.cellWidth) / Double(base.width)
        let heightScale = Double(request.cellHeight) / Double(base.height)
        let box = TextBox(
            emPixels: request.cellHeight, horizontalScale: widthScale / heightScale, bold: request.emphasized,
            width: request.cellWidth, maximumWidth: request.cellWidth, height: request.cellHeight)
        guard let drawn = PangoTextEngine.shared.draw(String(Character(request.character)), in: box),
            drawn.unknownGlyphs == 0
        else { return nil }
        return drawn.bitmap
    }
}
