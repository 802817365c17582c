// SPDX-License-Identifier: Apache-2.0
// One problem with the interview answers: the field path and why, never the value typed.

/// A validation error for the clerk's screen. It names the field (`members[1].birthDate`) and the
/// reason in Japanese and English; it **never contains the value** that was entered, because answers
/// hold names, dates of birth and My Numbers, and errors end up in logs.
public struct AnswerError: Sendable, Equatable, CustomStringConvertible {
    /// Answer path with list indexes: `members[1].birthDate`; `event` for an unknown event.
    public let field: String
    /// Stable snake_case code for the screen: `required`, `unknown_field`, `invalid_date`, `bad_check_digit`, …
    public let code: String
    /// Japanese, for the clerk.
    public let message: String
    /// English, for logs and technicians.
    public let messageEn: String

    public init(field: String, code: String, message: String, messageEn: String) {
        self.field = field
        self.code = code
        self.message = message
        self.messageEn = messageEn
    }

    /// `members[1].birthDate: invalid_date: …` in English, for logs.
    public var description: String { "\(field): \(code): \(messageEn)" }

    /// The plan's JSON for the error.
    public var json: JSONValue {
        .object(
            JSONObject([
                ("field", .string(field)), ("code", .string(code)), ("message", .string(message)),
                ("messageEn", .string(messageEn)),
            ]))
    }
}
