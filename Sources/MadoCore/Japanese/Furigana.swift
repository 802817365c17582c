// SPDX-License-Identifier: Apache-2.0
// フリガナ as forms print it: full-width katakana, one long-vowel mark, one full-width space between names.

/// Normalizes a name reading typed in hiragana, katakana or half-width katakana.
public enum Furigana {
    /// やまだ　たろう, ﾔﾏﾀﾞ ﾀﾛｳ, ヤマダ  タロウ → ヤマダ　タロウ.
    ///
    /// - hiragana and half-width katakana become full-width katakana, voiced marks composed (ﾀﾞ → ダ U+30C0);
    /// - a hyphen, dash, minus, ｰ or tilde right after a kana is the long-vowel mark ー (カ-ド → カード);
    /// - spaces (ASCII, full-width, several in a row) become one full-width space; leading and trailing
    ///   spaces go;
    /// - the middle dot ・ (ジョン・スミス) is kept.
    ///
    /// Anything else (kanji, Latin letters, digits) is refused with `not_kana`; empty text with `empty`.
    public static func normalize(_ text: String) throws(JapaneseFormatError) -> String {
        let katakana = Kana.katakana(Kana.fullWidthKatakana(text))
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in katakana.unicodeScalars {
            if JapaneseCharacters.isSpace(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            var letter = scalar
            if JapaneseCharacters.hyphens.contains(scalar) || JapaneseCharacters.tildes.contains(scalar) {
                // A long vowel only directly after a kana: 「ー」 at the start of a name or after a space
                // is not a reading.
                guard !pendingSpace, let previous = result.last, Kana.isKana(previous) else { throw notKana }
                letter = "\u{30FC}"
            }
            guard isFuriganaScalar(letter) else { throw notKana }
            if pendingSpace { result.append("\u{3000}") }
            pendingSpace = false
            result.append(letter)
        }
        guard !result.isEmpty else {
            throw JapaneseFormatError(.empty, "フリガナが入力されていません", english: "no furigana was given")
        }
        return String(result)
    }

    /// Katakana letters ァ…ヺ, ー, ヽヾ and the middle dot ・.
    private static func isFuriganaScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30A1...0x30FA, 0x30FB, 0x30FC...0x30FE: return true
        default: return false
        }
    }

    private static let notKana = JapaneseFormatError(
        .notKana, "フリガナはカタカナで入力してください", english: "furigana must be kana")
}
