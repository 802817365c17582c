// SPDX-License-Identifier: Apache-2.0
// One procedure in a plan: what it is, why it applies, whom it is for, and which forms to print.

/// A procedure the interview's answers call for.
public struct PlannedProcedure: Sendable, Equatable {
    public let definition: ProcedureDefinition
    /// Japanese reason for the cover sheet: `中学生以下の子 (1人) が転入するため`.
    public let reason: String
    public let reasonEn: String
    /// The people it is for, in answer order; empty when it is for the household as a whole.
    public let subjects: [PlanSubject]

    public init(definition: ProcedureDefinition, reason: String, reasonEn: String, subjects: [PlanSubject]) {
        self.definition = definition
        self.reason = reason
        self.reasonEn = reasonEn
        self.subjects = subjects
    }

    public var id: String { definition.id }
    public var forms: [String] { definition.forms }

    /// The subjects' person objects from `answers`, for a form that repeats over `subjects[]`.
    public func subjectPeople(in answers: JSONValue) -> [JSONValue] {
        subjects.compactMap { $0.person(in: answers) }
    }

    /// The plan's JSON for the procedure (the shape in notes/forms-spec.md).
    public var json: JSONValue {
        .object(
            JSONObject([
                ("id", .string(definition.id)), ("name", .string(definition.name)),
                ("department", .string(definition.department)), ("counter", .string(definition.counter)),
                ("reason", .string(reason)), ("reasonEn", .string(reasonEn)),
                ("subjects", .array(subjects.map(\.json))), ("forms", .array(definition.forms.map { .string($0) })),
            ]))
    }
}
