// SPDX-License-Identifier: Apache-2.0
// Reads a captured ESC/POS byte stream back into commands, tolerating anything a capture may hold.

/// Turns printer bytes back into `ESCPOSCommand`s. It never traps: bytes it does not model become
/// `.unknown` entries with their offset, and a stream cut off mid-command ends in an `.unknown` entry with
/// `isTruncated` set.
///
/// Canonical forms: ESC a 48–50, FS C 48/49 and GS V 48/49 decode like their 0–2 forms; GS v 0 strips of
/// one width and scale that follow each other directly are joined into one image, as the encoder splits
/// them; the setup of a native QR code is folded into the `.qrCode` emitted when it is printed.
/// Kanji-mode text is read as Shift_JIS (FS C 1); a capture using the JIS code system (FS C 0) is not
/// decoded as such, because the encoder never sends it.
public struct ESCPOSDecoder: Sendable {
    /// How 5C/7E read before any ESC R in the capture, and the table for Kanji-mode text.
    public var textDecoder: CP932Encoder

    public init(textDecoder: CP932Encoder = CP932Encoder()) {
        self.textDecoder = textDecoder
    }

    /// One-byte-parameter commands the decoder skips over as a whole, so their parameter is not read as
    /// text: ESC SP ! - 3 = G J M U V a? r t { and the like.
    private static let escapeParameterCounts: [UInt8: Int] = [
        0x20: 1, 0x21: 1, 0x25: 1, 0x2D: 1, 0x32: 0, 0x33: 1, 0x3C: 0, 0x3D: 1, 0x3F: 1, 0x47: 1, 0x4A: 1,
        0x4B: 1, 0x4C: 0, 0x4D: 1, 0x53: 0, 0x54: 1, 0x55: 1, 0x56: 1, 0x63: 2, 0x65: 1, 0x69: 0, 0x6D: 0,
        0x70: 3, 0x72: 1, 0x74: 1, 0x75: 1, 0x76: 0, 0x7B: 1, 0x24: 2, 0x5C: 2, 0x57: 8,
    ]
    private static let groupParameterCounts: [UInt8: Int] = [
        0x42: 1, 0x48: 1, 0x49: 1, 0x4C: 2, 0x50: 2, 0x57: 2, 0x61: 1, 0x62: 1, 0x66: 1, 0x68: 1, 0x72: 1,
        0x77: 1, 0x24: 2, 0x5C: 2, 0x54: 1, 0x3A: 0,
    ]
    private static let fileSeparatorParameterCounts: [UInt8: Int] = [
        0x21: 1, 0x2D: 1, 0x57: 1, 0x53: 2, 0x3F: 2, 0x70: 2, 0x71: 1,
    ]

    public func decode(_ bytes: [UInt8]) -> ESCPOSDecoding {
        var state = DecoderState(bytes: bytes, text: textDecoder)
        state.run()
        return ESCPOSDecoding(entries: state.entries, isTruncated: state.isTruncated)
    }

    private struct DecoderState {
        let bytes: [UInt8]
        var text: CP932Encoder
        let initialVariant: SingleByteVariant
        var entries: [ESCPOSDecoding.Entry] = []
        var isTruncated = false
        var position = 0
        var kanjiMode = false
        // Native QR settings as the printer keeps them between GS ( k commands.
        var qrModuleSize = 3
        var qrErrorCorrection = ESCPOSQRCode.ErrorCorrection.low
        var qrData: [UInt8]?
        var qrSetupStart: Int?

        init(bytes: [UInt8], text: CP932Encoder) {
            self.bytes = bytes
            self.text = text
            self.initialVariant = text.singleByte
        }

        func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func emit(_ command: ESCPOSCommand, length: Int) {
            flushPendingQRSetup()
            append(command, offset: position, length: length)
            position += length
        }

        /// QR setup commands not followed directly by their print become an `.unknown` entry (they still
        /// take effect), so that entries always cover the capture without gaps.
        mutating func flushPendingQRSetup() {
            guard let start = qrSetupStart else { return }
            qrSetupStart = nil
            append(.unknown(Array(bytes[start..<position])), offset: start, length: position - start)
        }

        mutating func append(_ command: ESCPOSCommand, offset: Int, length: Int) {
            // Keep runs of unknown bytes and directly adjacent raster strips together.
            if let last = entries.last, last.offset + last.length == offset {
                switch (last.command, command) {
                case (.unknown(let a), .unknown(let b)):
                    entries[entries.count - 1] = .init(
                        offset: last.offset, length: last.length + length, command: .unknown(a + b))
                    return
                case (.rasterImage(let a, let scaleA), .rasterImage(let b, let scaleB))
                where a.width == b.width && scaleA == scaleB:
                    entries[entries.count - 1] = .init(
                        offset: last.offset, length: last.length + length,
                        command: .rasterImage(a.appending(b), scale: scaleA))
                    return
                default: break
                }
            }
            entries.append(.init(offset: offset, length: length, command: command))
        }

        mutating func consumeQRSetup(length: Int) {
            if qrSetupStart == nil { qrSetupStart = position }
            position += length
        }

        /// Emits the rest of the stream as one truncated unknown entry.
        mutating func truncated() {
            isTruncated = true
            emit(.unknown(Array(bytes[position...])), length: bytes.count - position)
        }

        /// Emits `length` bytes as unknown, or the truncated tail if fewer remain.
        mutating func skip(_ length: Int) {
            if position + length > bytes.count {
                truncated()
            } else {
                emit(.unknown(Array(bytes[position..<position + length])), length: length)
            }
        }

        mutating func run() {
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case 0x0A: emit(.lineFeed, length: 1)
                case 0x1B: escape()
                case 0x1C: fileSeparator()
                case 0x1D: groupSeparator()
                case 0x10: dataLinkEscape()
                case 0x00..<0x20, 0x7F: skip(1)
                default: decodeText()
                }
            }
            flushPendingQRSetup()
        }

        mutating func escape() {
            guard let code = byte(at: position + 1) else { return truncated() }
            let parameter = byte(at: position + 2)
            switch code {
            case 0x40:
                text.singleByte = initialVariant
                kanjiMode = false
                emit(.initialize, length: 2)
            case 0x61, 0x52, 0x45, 0x64:
                guard let n = parameter else { return truncated() }
                switch code {
                case 0x61:
                    if let justification = ESCPOSCommand.Justification(rawValue: n >= 48 ? n - 48 : n) {
                        emit(.justify(justification), length: 3)
                    } else {
                        skip(3)
                    }
                case 0x52:
                    if n <= 17 {
                        text.singleByte = SingleByteVariant(internationalCharacterSet: n)
                        emit(.internationalCharacterSet(n), length: 3)
                    } else {
                        skip(3)
                    }
                case 0x45: emit(.emphasis(n & 1 == 1), length: 3)
                default: emit(.feedLines(Int(n)), length: 3)
                }
            case 0x2A:  // ESC * m nL nH d…: a column bit image, 1 or 3 bytes per column.
                guard let m = parameter, let nL = byte(at: position + 3), let nH = byte(at: position + 4) else {
                    return truncated()
                }
                skip(5 + (Int(nL) + Int(nH) * 256) * (m < 2 ? 1 : 3))
            case 0x44:  // ESC D n… NUL: horizontal tab positions.
                var end = position + 2
                while end < bytes.count && bytes[end] != 0 { end += 1 }
                skip(end - position + 1)
            default:
                skip(2 + (ESCPOSDecoder.escapeParameterCounts[code] ?? 0))
            }
        }

        mutating func fileSeparator() {
            guard let code = byte(at: position + 1) else { return truncated() }
            switch code {
            case 0x26:
                kanjiMode = true
                emit(.kanjiMode(true), length: 2)
            case 0x2E:
                kanjiMode = false
                emit(.kanjiMode(false), length: 2)
            case 0x43:
                guard let n = byte(at: position + 2) else { return truncated() }
                if let system = ESCPOSCommand.KanjiCodeSystem(rawValue: n >= 48 ? n - 48 : n) {
                    emit(.kanjiCodeSystem(system), length: 3)
                } else {
                    skip(3)
                }
            case 0x28:  // FS ( x pL pH d…
                guard let pL = byte(at: position + 3), let pH = byte(at: position + 4) else { return truncated() }
                skip(5 + Int(pL) + Int(pH) * 256)
            case 0x32:  // FS 2 c1 c2 d1…d72: define a user Kanji character.
                skip(4 + 72)
            default:
                skip(2 + (ESCPOSDecoder.fileSeparatorParameterCounts[code] ?? 0))
            }
        }

        mutating func groupSeparator() {
            guard let code = byte(at: position + 1) else { return truncated() }
            switch code {
            case 0x21:
                guard let n = byte(at: position + 2) else { return truncated() }
                let width = Int(n >> 4) + 1
                let height = Int(n & 0x0F) + 1
                if width <= 8 && height <= 8 {
                    emit(.characterSize(width: width, height: height), length: 3)
                } else {
                    skip(3)
                }
            case 0x56: cut()
            case 0x76: raster()
            case 0x28: extendedGroup()
            case 0x6B:  // GS k: barcode, NUL-terminated (m 0–6) or counted (m 65–79).
                guard let m = byte(at: position + 2) else { return truncated() }
                if m <= 6 {
                    var end = position + 3
                    while end < bytes.count && bytes[end] != 0 { end += 1 }
                    skip(end - position + 1)
                } else {
                    guard let n = byte(at: position + 3) else { return truncated() }
                    skip(4 + Int(n))
                }
            default:
                skip(2 + (ESCPOSDecoder.groupParameterCounts[code] ?? 0))
            }
        }

        mutating func cut() {
            guard let m = byte(at: position + 2) else { return truncated() }
            switch m {
            case 0, 48: emit(.cut(.full, feed: nil), length: 3)
            case 1, 49: emit(.cut(.partial, feed: nil), length: 3)
            case 65, 66:
                guard let n = byte(at: position + 3) else { return truncated() }
                emit(.cut(m == 65 ? .full : .partial, feed: Int(n)), length: 4)
            case 97, 98, 103, 104: skip(4)
            default: skip(3)
            }
        }

        mutating func raster() {
            guard position + 8 <= bytes.count else { return truncated() }
            let header = Array(bytes[position..<position + 8])
            let m = header[3] >= 48 ? header[3] - 48 : header[3]
            let bytesPerRow = Int(header[4]) + Int(header[5]) * 256
            let height = Int(header[6]) + Int(header[7]) * 256
            let length = 8 + bytesPerRow * height
            guard header[2] == 0x30 || header[2] == 0x00, let scale = ESCPOSCommand.RasterScale(rawValue: m),
                bytesPerRow > 0, height > 0
            else { return skip(min(8, bytes.count - position)) }
            guard position + length <= bytes.count else { return truncated() }
            let rows = Array(bytes[position + 8..<position + length])
            let bitmap = ESCPOSBitmap(width: bytesPerRow * 8, height: height, rows: rows)!
            emit(.rasterImage(bitmap, scale: scale), length: length)
        }

        /// GS ( x pL pH d…: a length-prefixed function. QR (k, cn 49) and process ID (H, fn 48) are modelled.
        mutating func extendedGroup() {
            guard let kind = byte(at: position + 2), let pL = byte(at: position + 3),
                let pH = byte(at: position + 4)
            else { return truncated() }
            let parameterLength = Int(pL) + Int(pH) * 256
            let length = 5 + parameterLength
            guard position + length <= bytes.count else { return truncated() }
            let parameters = Array(bytes[position + 5..<position + length])
            switch kind {
            case 0x48:
                if parameters.count == 6, parameters[0] == 0x30, parameters[1] == 0x30,
                    let id = ESCPOSProcessID(bytes: Array(parameters[2..<6]))
                {
                    emit(.processID(id), length: length)
                } else {
                    skip(length)
                }
            case 0x6B where parameters.count >= 3 && parameters[0] == 0x31:
                qr(function: parameters[1], arguments: Array(parameters[2...]), length: length)
            default:
                skip(length)
            }
        }

        mutating func qr(function: UInt8, arguments: [UInt8], length: Int) {
            switch function {
            case 0x41 where arguments.first == 0x32:  // model 2
                consumeQRSetup(length: length)
            case 0x43 where arguments.count == 1 && (1...16).contains(arguments[0]):
                qrModuleSize = Int(arguments[0])
                consumeQRSetup(length: length)
            case 0x45 where arguments.count == 1:
                guard let level = ESCPOSQRCode.ErrorCorrection(rawValue: arguments[0]) else { return skip(length) }
                qrErrorCorrection = level
                consumeQRSetup(length: length)
            case 0x50 where arguments.first == 0x30:
                qrData = Array(arguments.dropFirst())
                consumeQRSetup(length: length)
            case 0x51 where arguments.first == 0x30:
                if let data = qrData, !data.isEmpty {
                    let start = qrSetupStart ?? position
                    qrSetupStart = nil
                    let qr = ESCPOSQRCode(data: data, moduleSize: qrModuleSize, errorCorrection: qrErrorCorrection)
                    append(.qrCode(qr), offset: start, length: position + length - start)
                    position += length
                } else {
                    skip(length)
                }
            default:
                skip(length)
            }
        }

        mutating func dataLinkEscape() {
            guard let code = byte(at: position + 1) else { return truncated() }
            switch code {
            case 0x04:
                guard let n = byte(at: position + 2) else { return truncated() }
                if let request = ESCPOSCommand.StatusRequest(rawValue: n) {
                    emit(.statusRequest(request), length: 3)
                } else {
                    skip(n == 7 ? 4 : 3)  // DLE EOT 7 a asks the ink status on some models.
                }
            case 0x05: skip(3)  // DLE ENQ n: recover from an error.
            case 0x14:  // DLE DC4 fn …: pulse (fn 1: 2 more bytes), power off and buffer clear (fn 2, 8: 5 more).
                guard let fn = byte(at: position + 2) else { return truncated() }
                skip(fn == 1 ? 5 : 8)
            default: skip(2)
            }
        }

        /// Reads printable bytes up to the next control byte as one `.text`.
        mutating func decodeText() {
            let start = position
            var scalars = String.UnicodeScalarView()
            var end = position
            while end < bytes.count {
                let byte = bytes[end]
                if byte < 0x20 || byte == 0x7F { break }
                if kanjiMode && CP932Table.isLeadByte(byte) {
                    guard let trail = self.byte(at: end + 1) else { break }
                    guard let scalar = CP932Table.shared.decode(lead: byte, trail: trail) else { break }
                    scalars.append(scalar)
                    end += 2
                } else {
                    guard let scalar = text.singleByteScalar(byte) else { break }
                    scalars.append(scalar)
                    end += 1
                }
            }
            if end > start {
                emit(.text(String(scalars)), length: end - start)
            } else if kanjiMode && CP932Table.isLeadByte(bytes[start]) && start + 1 >= bytes.count {
                truncated()
            } else {
                skip(kanjiMode && CP932Table.isLeadByte(bytes[start]) && bytes[start + 1] >= 0x20 ? 2 : 1)
            }
        }
    }
}
