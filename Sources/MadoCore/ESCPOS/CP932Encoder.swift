// SPDX-License-Identifier: Apache-2.0
// Exact Unicode ⇄ CP932 conversion for one printer's repertoire, splitting off what it cannot print.

/// Converts text to the bytes a Japanese ESC/POS printer prints in Kanji mode with FS C 1 (Shift_JIS).
///
/// The mapping is exact and reversible: one scalar, one code. Substitutions such as 〜 → ～ or ｶﾞ → ガ are
/// the job of `CP932TextNormalizer`, run before this. Foundation's `.shiftJIS` is not used because it
/// depends on the platform's converter (ICU on Linux, another table on macOS) and cannot be limited to
/// a printer's repertoire.
public struct CP932Encoder: Sendable, Equatable {
    public var repertoire: KanjiRepertoire
    public var singleByte: SingleByteVariant

    public init(repertoire: KanjiRepertoire = .necSpecial, singleByte: SingleByteVariant = .jisRoman) {
        self.repertoire = repertoire
        self.singleByte = singleByte
    }

    /// The CP932 bytes for one scalar, or nil if this printer cannot print it from its fonts.
    public func bytes(for scalar: Unicode.Scalar) -> [UInt8]? {
        let value = scalar.value
        switch singleByte {
        case .ascii:
            if value < 0x80 { return [UInt8(value)] }
        case .jisRoman:
            if value == 0xA5 { return [0x5C] }
            if value == 0x203E { return [0x7E] }
            if value < 0x80 && value != 0x5C && value != 0x7E { return [UInt8(value)] }
        }
        if (0xFF61...0xFF9F).contains(value) { return [UInt8(value - 0xFF61 + 0xA1)] }
        guard let code = CP932Table.shared.doubleByteCode(for: scalar), repertoire.allowsLeadByte(code.lead) else {
            return nil
        }
        return [code.lead, code.trail]
    }

    /// Whether every scalar of `text` is printable from the fonts.
    public func canEncode(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { bytes(for: $0) != nil }
    }

    /// Splits `text` into encodable and unencodable runs, in order. A character (grapheme cluster) is
    /// unencodable as a whole if any of its scalars is: 葛󠄀 with a variation selector asks for a glyph the
    /// font may lack, so it goes to the raster path rather than losing its selector.
    public func encode(_ text: String) -> [TextRun] {
        var runs: [TextRun] = []
        var encodedText = ""
        var encodedBytes: [UInt8] = []
        var unencodable = ""
        for character in text {
            var characterBytes: [UInt8] = []
            var ok = true
            for scalar in character.unicodeScalars {
                guard let bytes = bytes(for: scalar) else {
                    ok = false
                    break
                }
                characterBytes += bytes
            }
            if ok {
                if !unencodable.isEmpty {
                    runs.append(.unencodable(unencodable))
                    unencodable = ""
                }
                encodedText.append(character)
                encodedBytes += characterBytes
            } else {
                if !encodedText.isEmpty {
                    runs.append(.encoded(text: encodedText, bytes: encodedBytes))
                    encodedText = ""
                    encodedBytes = []
                }
                unencodable.append(character)
            }
        }
        if !encodedText.isEmpty { runs.append(.encoded(text: encodedText, bytes: encodedBytes)) }
        if !unencodable.isEmpty { runs.append(.unencodable(unencodable)) }
        return runs
    }

    /// The bytes of `text`, or nil if any character is unencodable.
    public func encodeAll(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard let bytes = bytes(for: scalar) else { return nil }
            result += bytes
        }
        return result
    }

    /// Decodes CP932 bytes. Every assigned code is accepted whatever the repertoire (a capture may come from
    /// other software); nil at the first byte or pair without a character (a stray lead byte, an unassigned
    /// or user-defined code).
    public func decode(_ bytes: some Collection<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if CP932Table.isLeadByte(byte) {
                guard let trail = iterator.next(),
                    let scalar = CP932Table.shared.decode(lead: byte, trail: trail)
                else { return nil }
                scalars.append(scalar)
            } else {
                guard let scalar = singleByteScalar(byte) else { return nil }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The character a single byte prints as, or nil for 80, A0 and FD–FF, which CP932 leaves unassigned.
    public func singleByteScalar(_ byte: UInt8) -> Unicode.Scalar? {
        switch byte {
        case 0x5C where singleByte == .jisRoman: return "\u{A5}"
        case 0x7E where singleByte == .jisRoman: return "\u{203E}"
        case 0x00...0x7F: return Unicode.Scalar(byte)
        case 0xA1...0xDF: return Unicode.Scalar(UInt32(byte) - 0xA1 + 0xFF61)
        default: return nil
        }
    }
}
