// SPDX-License-Identifier: Apache-2.0
// Character classes shared by the Japanese parsers: full-width digits, hyphen look-alikes, spaces.

/// Scalar-level helpers. Everything works on Unicode scalars, never on `Character`s: Swift makes
/// カ + U+3099 one `Character` and compares it equal to ガ, which would hide exactly the differences
/// these parsers exist to remove.
enum JapaneseCharacters {
    /// Characters residents type for a hyphen or dash: ASCII hyphen-minus, Unicode hyphens and dashes,
    /// minus sign, small and full-width hyphen-minus. The prolonged sound marks ー/ｰ and the tildes are
    /// not here: they are long vowels in kana and only sometimes hyphens.
    static let hyphens: Set<Unicode.Scalar> = [
        "\u{002D}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
        "\u{FE58}", "\u{FE63}", "\u{FF0D}",
    ]

    /// Prolonged sound marks (full- and half-width), which people also type as hyphens between digits.
    static let prolongedSoundMarks: Set<Unicode.Scalar> = ["\u{30FC}", "\u{FF70}"]

    /// Wave dash and tildes, typed for a long vowel in kana (カ～ド).
    static let tildes: Set<Unicode.Scalar> = ["\u{007E}", "\u{301C}", "\u{FF5E}"]

    /// ASCII space, tab, no-break space and the ideographic (full-width) space.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || scalar == "\u{3000}"
    }

    /// The value 0...9 of an ASCII or full-width digit.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    /// Full-width ASCII (Ｒ, ６, ．, ／, －) folded to ASCII; every other scalar unchanged.
    static func foldingFullWidthASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if (0xFF01...0xFF5E).contains(scalar.value) {
            return Unicode.Scalar(scalar.value - 0xFF01 + 0x21)!
        }
        return scalar
    }

    /// Kanji numerals that can stand before a hyphen in an address (一丁目 is written, 1－2 is typed).
    static let kanjiDigits: Set<Unicode.Scalar> = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The text with leading and trailing spaces (ASCII and full-width) removed.
    static func trimmingSpaces(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpace($0) && $0 != "\n" && $0 != "\r" }) else {
            return ""
        }
        let last = scalars.lastIndex(where: { !isSpace($0) && $0 != "\n" && $0 != "\r" })!
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// Reads a number field: digits (ASCII or full-width) kept in order, spaces and hyphen look-alikes
    /// (including ー between digits) recorded as group breaks. Nil when any other character appears,
    /// apart from the ones in `alsoSkipping` (e.g. 〒 or parentheses), which also break groups.
    static func digitGroups(_ text: String, alsoSkipping extra: Set<Unicode.Scalar> = []) -> [String]? {
        var groups: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if let value = digitValue(scalar) {
                current.append(Character(Unicode.Scalar(UInt8(0x30 + value))))
            } else if isSpace(scalar) || hyphens.contains(scalar) || prolongedSoundMarks.contains(scalar)
                || extra.contains(scalar)
            {
                if !current.isEmpty { groups.append(current) }
                current = ""
            } else {
                return nil
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}
