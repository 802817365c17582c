// SPDX-License-Identifier: Apache-2.0
// Kana conversions by table: hiragana ↔ katakana, half-width katakana → full-width with composed voiced marks.

/// Pure table conversions, no ICU transforms and no NFKC: on Linux NFKC turns ｶﾞ into カ + U+3099
/// (two scalars) rather than ガ U+30AC, which Shift_JIS/CP932 cannot encode and which Swift's `==` hides
/// (it compares canonically). Every result here is precomposed.
public enum Kana {
    /// Hiragana → katakana (ぁ…ゖ → ァ…ヶ, ゝゞ → ヽヾ, ゔ → ヴ); everything else unchanged, except that a
    /// combining voiced mark after a kana is composed (か + U+3099 → ガ).
    public static func katakana(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3041...0x3096, 0x309D...0x309E:
                result.append(Unicode.Scalar(scalar.value + 0x60)!)
            default:
                result.append(scalar)
            }
        }
        return composingVoicedMarks(result, spacingMarksToo: false)
    }

    /// Katakana → hiragana (ァ…ヶ → ぁ…ゖ, ヽヾ → ゝゞ); ヷ–ヺ, which have no hiragana, stay katakana.
    public static func hiragana(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30A1...0x30F6, 0x30FD...0x30FE:
                result.append(Unicode.Scalar(scalar.value - 0x60)!)
            default:
                result.append(scalar)
            }
        }
        return composingVoicedMarks(result, spacingMarksToo: false)
    }

    /// Half-width katakana and punctuation (U+FF61–FF9F) → full-width, with ﾞ/ﾟ composed into the kana
    /// before them: ｶﾞ → ガ U+30AC, ﾊﾟ → パ U+30D1, ｳﾞ → ヴ U+30F4, ﾜﾞ → ヷ. Decomposed input (カ + U+3099,
    /// カ + ゛) is composed the same way. A mark with nothing to compose with becomes the spacing ゛/゜.
    /// Other characters, hiragana included, are unchanged.
    public static func fullWidthKatakana(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF61...0xFF9F).contains(scalar.value) {
                result.append(halfWidthTable[Int(scalar.value - 0xFF61)])
            } else {
                result.append(scalar)
            }
        }
        return composingVoicedMarks(result, spacingMarksToo: true)
    }

    /// True for hiragana and katakana letters, the prolonged sound mark ー and the iteration marks.
    public static func isKana(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3041...0x3096, 0x309D...0x309E, 0x30A1...0x30FA, 0x30FC...0x30FE: return true
        default: return false
        }
    }

    /// Full-width forms of U+FF61…U+FF9F, in code order.
    private static let halfWidthTable: [Unicode.Scalar] = Array(
        "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜"
            .unicodeScalars)

    /// Voiced mark (dakuten) in all its spellings: half-width ﾞ, spacing ゛, combining U+3099.
    private static let voicedMarks: Set<Unicode.Scalar> = ["\u{FF9E}", "\u{309B}", "\u{3099}"]
    /// Semi-voiced mark (handakuten): ﾟ, ゜, U+309A.
    private static let semiVoicedMarks: Set<Unicode.Scalar> = ["\u{FF9F}", "\u{309C}", "\u{309A}"]

    /// Kana whose voiced form is the next code point: か→が … ほ→ぼ, カ→ガ … ホ→ボ.
    private static let voicedByNextCodePoint: Set<Unicode.Scalar> = Set(
        "かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホ".unicodeScalars)
    /// Kana whose voiced form is elsewhere.
    private static let voicedElsewhere: [Unicode.Scalar: Unicode.Scalar] = [
        "う": "ゔ", "ゝ": "ゞ", "ウ": "ヴ", "ワ": "ヷ", "ヰ": "ヸ", "ヱ": "ヹ", "ヲ": "ヺ", "ヽ": "ヾ",
    ]
    /// Kana whose semi-voiced form is two code points on: は→ぱ, ハ→パ.
    private static let semiVoicedByTwoCodePoints: Set<Unicode.Scalar> = Set("はひふへほハヒフヘホ".unicodeScalars)

    /// Composes each voiced or semi-voiced mark into the kana before it where such a character exists.
    /// With `spacingMarksToo`, the half-width and spacing marks (ﾞ ゛) compose as well and a mark left
    /// over becomes the spacing ゛ or ゜; without, only the combining U+3099/U+309A are touched.
    static func composingVoicedMarks(_ scalars: String.UnicodeScalarView, spacingMarksToo: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            if !spacingMarksToo, scalar != "\u{3099}", scalar != "\u{309A}" {
                result.append(scalar)
            } else if voicedMarks.contains(scalar) {
                if let base = result.last, let voiced = voiced(base) {
                    result.removeLast()
                    result.append(voiced)
                } else {
                    result.append(spacingMarksToo ? "\u{309B}" : scalar)
                }
            } else if semiVoicedMarks.contains(scalar) {
                if let base = result.last, semiVoicedByTwoCodePoints.contains(base) {
                    result.removeLast()
                    result.append(Unicode.Scalar(base.value + 2)!)
                } else {
                    result.append(spacingMarksToo ? "\u{309C}" : scalar)
                }
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func voiced(_ base: Unicode.Scalar) -> Unicode.Scalar? {
        if voicedByNextCodePoint.contains(base) { return Unicode.Scalar(base.value + 1)! }
        return voicedElsewhere[base]
    }
}
