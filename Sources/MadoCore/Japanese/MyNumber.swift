// SPDX-License-Identifier: Apache-2.0
// 個人番号 (マイナンバー): 12 digits with a check digit; shown masked everywhere but on the form itself.

/// A My Number whose check digit is right. Its `description`, `debugDescription` and mirror are the
/// masked form (********0257), so string interpolation, `print`, `dump` and the default description
/// of a struct that holds one cannot write the number to a log; only `digits` gives it out, for the
/// one place that must print it (the form's 12 cells).
public struct MyNumber: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The 12 digits, e.g. "621498320257". Personal data: print on the form, never log.
    public let digits: String

    /// Accepts 12 digits, ASCII or full-width, with optional spaces or hyphens between them
    /// (6214 9832 0257, 6214-9832-0257). Refuses other characters (`not_digits`), another count
    /// (`wrong_length`) and a wrong check digit (`bad_check_digit`, usually a typing error).
    public init(parsing text: String) throws(JapaneseFormatError) {
        guard let groups = JapaneseCharacters.digitGroups(text) else {
            throw JapaneseFormatError(
                .notDigits, "個人番号は数字12桁で入力してください", english: "a My Number is 12 digits")
        }
        let joined = groups.joined()
        guard !joined.isEmpty else {
            throw JapaneseFormatError(.empty, "個人番号が入力されていません", english: "no My Number was given")
        }
        guard joined.count == 12 else {
            throw JapaneseFormatError(
                .wrongLength, "個人番号の桁数が違います（12桁）", english: "a My Number has 12 digits")
        }
        let values = joined.utf8.map { Int($0 - 0x30) }
        guard Self.checkDigit(values.prefix(11)) == values[11] else {
            throw JapaneseFormatError(
                .badCheckDigit, "個人番号のチェックデジットが合いません（入力誤りの可能性があります）",
                english: "the My Number's check digit does not match (probably a typing error)")
        }
        digits = joined
    }

    /// The check digit for the first 11 digits (総務省令第85号 第5条): weights 6 5 4 3 2 7 6 5 4 3 2 from
    /// the left; 11 − (Σ mod 11), or 0 when Σ mod 11 ≤ 1.
    public static func checkDigit(_ elevenDigits: some Collection<Int>) -> Int {
        precondition(elevenDigits.count == 11, "a My Number's check digit covers 11 digits")
        let weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        let sum = zip(elevenDigits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// "********0257": only the last four digits, enough for a clerk to tell two numbers apart.
    public var masked: String { String(repeating: "*", count: 8) + digits.suffix(4) }

    public var description: String { masked }
    public var debugDescription: String { "MyNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}
