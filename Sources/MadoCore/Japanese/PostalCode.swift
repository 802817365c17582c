// SPDX-License-Identifier: Apache-2.0
// 郵便番号: seven digits, printed 〒123-4567.

/// A 7-digit Japanese postal code. It names a delivery area, not an address (498-0000 covers towns in
/// two prefectures), so it is never used to fill the address itself.
public struct PostalCode: Hashable, Sendable, CustomStringConvertible {
    /// "1234567"
    public let digits: String

    /// Accepts 1234567, 123-4567, 〒123-4567, 〒 123 4567, full-width digits and any hyphen look-alike
    /// (－ ‐ − ― ー). A separator, if any, must come after the third digit.
    public init(parsing text: String) throws(JapaneseFormatError) {
        var body = JapaneseCharacters.trimmingSpaces(text)
        if body.unicodeScalars.first == "〒" { body = String(body.unicodeScalars.dropFirst()) }
        guard let groups = JapaneseCharacters.digitGroups(body) else {
            throw JapaneseFormatError(
                .notDigits, "郵便番号は数字7桁で入力してください（例: 123-4567）",
                english: "a postal code is 7 digits (e.g. 123-4567)")
        }
        let joined = groups.joined()
        guard !joined.isEmpty else {
            throw JapaneseFormatError(.empty, "郵便番号が入力されていません", english: "no postal code was given")
        }
        guard joined.count == 7 else {
            throw JapaneseFormatError(
                .wrongLength, "郵便番号の桁数が違います（7桁）", english: "a postal code has 7 digits")
        }
        guard groups.count == 1 || groups.map(\.count) == [3, 4] else {
            throw JapaneseFormatError(
                .notDigits, "郵便番号の区切りの位置が違います（例: 123-4567）",
                english: "a postal code is written 123-4567")
        }
        digits = joined
    }

    /// "123-4567"
    public var hyphenated: String { "\(digits.prefix(3))-\(digits.suffix(4))" }

    /// "〒123-4567"
    public var formatted: String { "〒" + hyphenated }

    /// "123-4567"
    public var description: String { hyphenated }
}
