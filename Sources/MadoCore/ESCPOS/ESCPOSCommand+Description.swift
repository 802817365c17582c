// SPDX-License-Identifier: Apache-2.0
// One-line, technician-readable names for commands, for `madoctl escpos dump`-style listings.

extension ESCPOSCommand: CustomStringConvertible {
    /// The mnemonic and meaning, e.g. `GS ! 0x77 size 8×8`. Text is quoted: listings are shown to a
    /// technician on request and must not be written to logs.
    public var description: String {
        switch self {
        case .initialize: return "ESC @ initialize"
        case .justify(let value): return "ESC a \(value.rawValue) justify \(value)"
        case .internationalCharacterSet(let n):
            return "ESC R \(n) international character set" + (n == 8 ? " Japan" : "")
        case .kanjiCodeSystem(let system): return "FS C \(system.rawValue) Kanji code system \(system)"
        case .kanjiMode(let on): return on ? "FS & Kanji mode on" : "FS . Kanji mode off"
        case .characterSize(let width, let height): return "GS ! size \(width)×\(height)"
        case .emphasis(let on): return "ESC E \(on ? 1 : 0) emphasis \(on ? "on" : "off")"
        case .text(let text): return "text \"\(text)\""
        case .lineFeed: return "LF"
        case .feedLines(let n): return "ESC d \(n) feed lines"
        case .rasterImage(let bitmap, let scale):
            return "GS v 0 raster \(bitmap.width)×\(bitmap.height) dots, scale \(scale)"
        case .qrCode(let qr):
            return "GS ( k QR model 2, module \(qr.moduleSize), level \(qr.errorCorrection), \(qr.data.count) bytes"
        case .processID(let id): return "GS ( H process ID \"\(id)\""
        case .cut(let mode, let feed):
            return feed.map { "GS V \(mode == .full ? 65 : 66) \($0) feed and \(mode) cut" } ?? "GS V \(mode) cut"
        case .statusRequest(let request): return "DLE EOT \(request.rawValue) status: \(request)"
        case .unknown(let bytes):
            let shown = bytes.prefix(16).map { ESCPOSEncoder.hexByte($0) }.joined(separator: " ")
            return "unknown \(bytes.count) bytes: \(shown)" + (bytes.count > 16 ? " …" : "")
        }
    }
}

extension ESCPOSDecoding {
    /// One line per entry: hexadecimal offset, then the command.
    public var listing: String {
        entries.map { entry in
            let offset = String(entry.offset, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 6 - offset.count)) + offset + "  " + entry.command.description
        }.joined(separator: "\n") + (isTruncated ? "\n(capture ends inside a command)" : "")
    }
}
