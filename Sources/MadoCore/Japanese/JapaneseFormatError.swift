// SPDX-License-Identifier: Apache-2.0
// Why a Japanese date, kana, number or address could not be read: one error type for MadoCore/Japanese.

/// A value the clerk typed that does not read as what the field expects.
///
/// The messages say what kind of value was refused and why, in Japanese (`message`) and English
/// (`messageEnglish`). They **never quote the value**: it may be a My Number, a name or a birth date,
/// and error texts end up in logs and in the plan's `errors` list. Callers add the field path.
public struct JapaneseFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifiers (their raw values are the snake_case codes sent to the clerk's screen).
    public enum Code: String, Sendable, CaseIterable {
        /// Nothing was given where a value is required.
        case empty = "empty"
        /// Not a date, or a date that does not exist (2月30日).
        case invalidDate = "invalid_date"
        /// An era name that is not in the table (明治, 大正, 昭和, 平成, 令和).
        case unknownEra = "unknown_era"
        /// A real date written with an era it is not in (平成31年5月1日).
        case outOfEra = "out_of_era"
        /// Characters other than kana in a フリガナ field.
        case notKana = "not_kana"
        /// Characters other than digits and separators in a number field.
        case notDigits = "not_digits"
        /// The right characters, but too many or too few of them.
        case wrongLength = "wrong_length"
        /// A My Number whose last digit is not its check digit: a typing error.
        case badCheckDigit = "bad_check_digit"
        /// A phone number that does not start with 0.
        case badPrefix = "bad_prefix"
        /// Not one of the 47 都道府県.
        case unknownPrefecture = "unknown_prefecture"
        /// A required part of an address (市区町村, 町域, 番地) is empty.
        case missingAddressPart = "missing_address_part"
        /// A 続柄 the 住民票 does not use.
        case unknownRelationship = "unknown_relationship"
    }

    public let code: Code
    /// Japanese, for the clerk's screen.
    public let message: String
    /// English, for logs and technicians.
    public let messageEnglish: String
    /// The part of a composite value that was refused, as its answers key: `town` or `postalCode` of an
    /// address. Nil for single values; callers append it to their field path (`address.town`).
    public let part: String?

    public init(_ code: Code, _ message: String, english messageEnglish: String, part: String? = nil) {
        self.code = code
        self.message = message
        self.messageEnglish = messageEnglish
        self.part = part
    }

    /// The same error, attributed to a part of a composite value.
    public func inPart(_ part: String) -> JapaneseFormatError {
        JapaneseFormatError(code, message, english: messageEnglish, part: part)
    }

    /// `invalid_date: the date does not exist`: the code, the part if any and the English message.
    public var description: String {
        "\(code.rawValue): \(part.map { "\($0): " } ?? "")\(messageEnglish)"
    }
}
