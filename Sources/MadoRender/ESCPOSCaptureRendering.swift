// SPDX-License-Identifier: Apache-2.0
// A captured printer byte stream, decoded and drawn as the paper would come out.
public import MadoCore

/// What `madoctl escpos render` and the golden tests look at: the commands a capture holds and the page
/// they print, text drawn with the ticket font (`TicketGlyphDrawer`).
public struct ESCPOSCaptureRendering: Sendable {
    public let byteCount: Int
    public let decoding: ESCPOSDecoding
    public let page: ESCPOSPage

    /// Decodes and draws `bytes` on paper `paperWidth` dots wide. `textDecoder` says how 5C/7E read and
    /// which Kanji table the printer has, as for `ESCPOSDecoder`.
    public init(bytes: [UInt8], paperWidth: Int, textDecoder: CP932Encoder = CP932Encoder()) {
        byteCount = bytes.count
        decoding = ESCPOSDecoder(textDecoder: textDecoder).decode(bytes)
        page = TicketGlyphDrawer.shared.pageRenderer(paperWidth: paperWidth, textEncoder: textDecoder)
            .render(decoding.commands)
    }

    /// The bytes of a capture file, or `.unreadableFile` naming the file and the system's reason.
    public static func readCapture(atPath path: String) throws(RenderError) -> [UInt8] {
        switch FileBytes.read(path) {
        case .success(let bytes): return bytes
        case .failure(let failure): throw RenderError(.unreadableFile, "cannot read \(path): \(failure.reason)")
        }
    }

    /// How many times the paper was cut.
    public var cutCount: Int { page.cuts.count }

    /// The page's length on paper at 203 dpi.
    public var lengthInMillimetres: Double { TicketFont.millimetres(dots: page.height) }

    public var rasterImageCount: Int {
        decoding.commands.filter {
            if case .rasterImage = $0 { return true }
            return false
        }.count
    }

    public var qrCodeCount: Int {
        decoding.commands.filter {
            if case .qrCode = $0 { return true }
            return false
        }.count
    }
}
