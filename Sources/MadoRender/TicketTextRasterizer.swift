// SPDX-License-Identifier: Apache-2.0
// Draws a ticket line the printer's fonts cannot print as a raster image, with the ticket font.
public import MadoCore

/// The raster path of `TicketLayout`: a line of text as a 1-bit image at the printer's 203 dpi, in
/// IPAex Gothic (with IPAmj Mincho for what IPAex lacks, see `TicketFont`).
///
/// The image is as tall as the line the printer would have fed for native text (max(30, font height + 6)
/// dots, the em square at the top), so a rasterised line takes the same room as a printed one, and as wide
/// as the text rounded up to whole bytes (GS v 0 sends bytes, so the printer centres exactly this image
/// with ESC a). A line too wide for the paper is condensed (down to 80 %), then shrunk, never clipped.
/// Callable from any thread.
public struct TicketTextRasterizer: Sendable {
    public init() {}

    /// The image for `request`, or nil when no installed font has a glyph for one of its characters (the
    /// layout then refuses the ticket rather than print it with a character missing).
    public func rasterize(_ request: TicketRasterRequest) -> ESCPOSBitmap? {
        let box = TextBox(
            emPixels: request.fontHeight,
            horizontalScale: Double(request.widthScale) / Double(max(1, request.heightScale)),
            bold: request.emphasized, maximumWidth: request.maximumWidth, widthStep: 8,
            height: max(ESCPOSPageRenderer.linePitch, request.fontHeight + ESCPOSPageRenderer.lineGap),
            minimumCondensing: 0.8)
        guard let drawn = PangoTextEngine.shared.draw(request.text, in: box), drawn.unknownGlyphs == 0 else {
            return nil
        }
        return drawn.bitmap
    }

    /// This rasterizer as the closure `TicketLayout.commands(for:rasterizer:)` takes.
    public var closure: TicketRasterizer { { rasterize($0) } }
}
