// SPDX-License-Identifier: Apache-2.0
// How many terminal columns text takes: kanji, kana and full-width forms take two, so columns of
// Japanese service names only line up when padding counts columns rather than characters.

/// Terminal column counting for aligned output.
public enum DisplayWidth {
    /// The number of columns `text` occupies in a terminal.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Columns for one scalar: 0 for combining marks and invisible controls, 2 for East Asian wide and
    /// full-width characters and emoji, 1 otherwise. East Asian "ambiguous" characters (○, ①) count as
    /// 1, which is what terminals do unless told to treat them as wide.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0xFE00...0xFE0F).contains(value) { return 0 }  // variation selectors
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// `text` followed by spaces up to `width` columns (unchanged when it is already as wide).
    public static func pad(_ text: String, to width: Int) -> String {
        let missing = width - of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// East Asian Width W and F ranges (Unicode 15, UAX #11), the ones Japanese text uses.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F,  // Hangul Jamo initials
            0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            0x3041...0x33FF,  // hiragana, katakana, bopomofo, kanbun, CJK compatibility (㍻, ㌔)
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA000...0xA4CF,  // Yi
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE30...0xFE4F,  // CJK compatibility forms
            0xFF00...0xFF60,  // full-width ASCII (Ａ, １, ！) and brackets
            0xFFE0...0xFFE6,  // full-width signs (￥)
            0x1F300...0x1F64F,  // pictographs and emoticons
            0x1F900...0x1F9FF,
            0x20000...0x2FFFD,  // CJK extensions B–F
            0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
