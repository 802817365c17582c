// SPDX-License-Identifier: Apache-2.0
// One question of a life event's interview: the answer path it fills, its type and when it is required.

/// A field of an event's interview schema.
public struct InterviewField: Sendable, Equatable {
    /// Answer path, lists written `[]`: `notificationDate`, `members[].birthDate`, `bank.number`.
    public let path: String
    public let type: InterviewFieldType
    /// Japanese label for the clerk's screen and error messages: `生年月日`.
    public let label: String
    /// English label for logs: `date of birth`.
    public let labelEn: String
    /// When an answer must be given. For a field of a person, person conditions look at that person
    /// (`members[].careCertified` is required for ages 40–64).
    public let required: RuleCondition
    /// When the screen asks the question at all (default: always). Answers given when not asked are
    /// still checked.
    public let ask: RuleCondition
    /// The accepted texts of a `choice` field.
    public let choices: [String]
    /// The fewest entries of a `person-list` (default 0).
    public let minimumCount: Int
    /// The exact number of digits of a `digits` field, if fixed.
    public let length: Int?

    public init(
        path: String, type: InterviewFieldType, label: String, labelEn: String, required: RuleCondition,
        ask: RuleCondition = .constant(true), choices: [String] = [], minimumCount: Int = 0, length: Int? = nil
    ) {
        self.path = path
        self.type = type
        self.label = label
        self.labelEn = labelEn
        self.required = required
        self.ask = ask
        self.choices = choices
        self.minimumCount = minimumCount
        self.length = length
    }

    /// The path of the object holding this field (`members[]` for `members[].birthDate`; "" at the top).
    var parentPath: String {
        guard let dot = path.lastIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }

    /// The key this field has in its parent object (`birthDate`).
    var key: String {
        guard let dot = path.lastIndex(of: ".") else { return path }
        return String(path[path.index(after: dot)...])
    }
}
