// SPDX-License-Identifier: Apache-2.0
// One rule of config/life-events.json: for these events, these answers put this procedure in the plan.

/// Puts `procedure` in the plan of `events` when its conditions hold.
///
/// With `subjects`, the rule looks at the people of that group who match `where`; it fires when at
/// least one does (and `when`, if given, holds), and those people become the procedure's subjects.
/// Without `subjects`, it fires when `when` holds, and the procedure is for the household (no subjects).
/// A procedure is planned by the first of its rules that fires; later rules for it are not looked at.
public struct ProcedureRule: Sendable, Equatable {
    public let procedure: String
    public let events: [String]
    public let subjects: PersonGroup?
    public let personFilter: RuleCondition
    public let when: RuleCondition
    /// Japanese reason with placeholders: `{count}` (number of subjects) and `{answer:certificateCopies}`
    /// (a whole-number answer; only numbers may be quoted, never a name or a date).
    public let reason: String
    public let reasonEn: String

    public init(
        procedure: String, events: [String], subjects: PersonGroup?, personFilter: RuleCondition,
        when: RuleCondition, reason: String, reasonEn: String
    ) {
        self.procedure = procedure
        self.events = events
        self.subjects = subjects
        self.personFilter = personFilter
        self.when = when
        self.reason = reason
        self.reasonEn = reasonEn
    }
}
