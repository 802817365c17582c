// SPDX-License-Identifier: Apache-2.0
// One ticket from its content to printer bytes, rasterising with the ticket font where needed.
public import MadoCore

/// What the daemon calls per ticket: `TicketLayout` with `TicketTextRasterizer` for the lines the
/// printer cannot print from its fonts (all of them on the full-raster path), encoded for the printer.
/// A value type with no C state: safe to share and to call from any thread.
public struct TicketRenderer: Sendable {
    public var layout: TicketLayout
    public var rasterizer: TicketTextRasterizer

    public init(layout: TicketLayout, rasterizer: TicketTextRasterizer = TicketTextRasterizer()) {
        self.layout = layout
        self.rasterizer = rasterizer
    }

    /// The ticket's commands. Throws `.unencodableText` when a line has a character no installed font can
    /// draw; the ticket must then be refused, not printed with a gap.
    public func commands(for content: TicketContent) throws(ESCPOSError) -> [ESCPOSCommand] {
        try layout.commands(for: content, rasterizer: rasterizer.closure)
    }

    /// The bytes to send to the printer for one ticket (without the DLE EOT status poll, which the
    /// transport sends first because it must read the answers).
    public func bytes(for content: TicketContent) throws(ESCPOSError) -> [UInt8] {
        try ESCPOSEncoder(textEncoder: layout.textEncoder).encode(commands(for: content))
    }
}
