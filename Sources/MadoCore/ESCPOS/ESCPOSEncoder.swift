// SPDX-License-Identifier: Apache-2.0
// Turns a command list into the exact bytes an ESC/POS printer receives.

/// Writes `ESCPOSCommand`s as bytes. Pure and deterministic: the same list always gives the same bytes,
/// which is what the byte-fixture tests and the capture goldens rely on.
public struct ESCPOSEncoder: Sendable {
    /// How text is converted, and how 5C/7E print before any ESC R in the list.
    public var textEncoder: CP932Encoder
    /// Tallest GS v 0 strip sent at once. Printers with small receive buffers print garbage when one
    /// image is too large (python-escpos #152, #662); 256 rows of 576 dots is 18 KiB.
    public var maximumRasterStripHeight: Int

    public init(textEncoder: CP932Encoder = CP932Encoder(), maximumRasterStripHeight: Int = 256) {
        precondition(maximumRasterStripHeight > 0, "a raster strip needs at least one row")
        self.textEncoder = textEncoder
        self.maximumRasterStripHeight = maximumRasterStripHeight
    }

    public func encode(_ commands: [ESCPOSCommand]) throws(ESCPOSError) -> [UInt8] {
        var output: [UInt8] = []
        var text = textEncoder
        var kanjiMode = false
        for (index, command) in commands.enumerated() {
            func check(_ ok: Bool, _ message: @autoclosure () -> String) throws(ESCPOSError) {
                if !ok { throw ESCPOSError(.parameterOutOfRange, message(), commandIndex: index) }
            }
            switch command {
            case .initialize:
                output += [0x1B, 0x40]
                text.singleByte = textEncoder.singleByte
                kanjiMode = false
            case .justify(let justification):
                output += [0x1B, 0x61, justification.rawValue]
            case .internationalCharacterSet(let n):
                try check(n <= 17, "ESC R takes an international character set 0–17, not \(n)")
                output += [0x1B, 0x52, n]
                text.singleByte = SingleByteVariant(internationalCharacterSet: n)
            case .kanjiCodeSystem(let system):
                output += [0x1C, 0x43, system.rawValue]
            case .kanjiMode(let on):
                output += on ? [0x1C, 0x26] : [0x1C, 0x2E]
                kanjiMode = on
            case .characterSize(let width, let height):
                try check(
                    (1...8).contains(width) && (1...8).contains(height),
                    "GS ! takes a character size of 1–8 in each direction, not \(width)×\(height)")
                output += [0x1D, 0x21, UInt8((width - 1) << 4 | (height - 1))]
            case .emphasis(let on):
                output += [0x1B, 0x45, on ? 1 : 0]
            case .text(let string):
                output += try encodeText(string, with: text, kanjiMode: kanjiMode, commandIndex: index)
            case .lineFeed:
                output.append(0x0A)
            case .feedLines(let n):
                try check((0...255).contains(n), "ESC d feeds 0–255 lines, not \(n)")
                output += [0x1B, 0x64, UInt8(n)]
            case .rasterImage(let bitmap, let scale):
                try check(bitmap.width > 0 && bitmap.height > 0, "a raster image needs at least one dot each way")
                try check(bitmap.bytesPerRow <= 0xFFFF, "a raster image is at most 524,280 dots wide")
                var top = 0
                while top < bitmap.height {
                    let strip = bitmap.rows(top..<min(bitmap.height, top + maximumRasterStripHeight))
                    output += [0x1D, 0x76, 0x30, scale.rawValue]
                    output += Self.littleEndian(strip.bytesPerRow) + Self.littleEndian(strip.height)
                    output += strip.rows
                    top += strip.height
                }
            case .qrCode(let qr):
                try check((1...16).contains(qr.moduleSize), "a QR module is 1–16 dots, not \(qr.moduleSize)")
                try check(
                    !qr.data.isEmpty && qr.data.count <= ESCPOSQRCode.maximumDataLength,
                    "a QR code holds 1–\(ESCPOSQRCode.maximumDataLength) bytes, not \(qr.data.count)")
                output += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
                output += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(qr.moduleSize)]
                output += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, qr.errorCorrection.rawValue]
                output += [0x1D, 0x28, 0x6B] + Self.littleEndian(qr.data.count + 3) + [0x31, 0x50, 0x30] + qr.data
                output += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
            case .processID(let id):
                output += [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] + id.bytes
            case .cut(let mode, let feed):
                if let feed {
                    try check((0...255).contains(feed), "GS V feeds 0–255 dots before the cut, not \(feed)")
                    output += [0x1D, 0x56, mode == .full ? 65 : 66, UInt8(feed)]
                } else {
                    output += [0x1D, 0x56, mode == .full ? 0 : 1]
                }
            case .statusRequest(let request):
                output += [0x10, 0x04, request.rawValue]
            case .unknown(let bytes):
                output += bytes
            }
        }
        return output
    }

    private func encodeText(
        _ string: String, with text: CP932Encoder, kanjiMode: Bool, commandIndex: Int
    ) throws(ESCPOSError) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, scalar) in string.unicodeScalars.enumerated() {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                throw ESCPOSError(
                    .controlCharacterInText,
                    "text has control character U+\(Self.hex(scalar.value)) at position \(position); "
                        + "send line breaks as .lineFeed",
                    commandIndex: commandIndex)
            }
            guard let encoded = text.bytes(for: scalar) else {
                throw ESCPOSError(
                    .unencodableText,
                    "the character at position \(position) of the text is not in the printer's "
                        + "\(text.repertoire.rawValue) fonts; send it through the raster path",
                    commandIndex: commandIndex)
            }
            if encoded.count == 2 && !kanjiMode {
                throw ESCPOSError(
                    .unencodableText,
                    "the character at position \(position) of the text is a Kanji-mode character "
                        + "sent outside Kanji mode; send .kanjiMode(true) first",
                    commandIndex: commandIndex)
            }
            bytes += encoded
        }
        return bytes
    }

    static func littleEndian(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
