// SPDX-License-Identifier: Apache-2.0
// The answer of `POST /v1/interviews/plan`: the event, what is wrong with the answers, and the procedures.

/// What an interview leads to. With `errors`, the procedures are those the readable answers already
/// call for (the screen shows both); forms must not be printed until `errors` is empty.
public struct InterviewPlan: Sendable {
    /// The event's id (`move-in`), or what was asked for when no event has that id or name.
    public let event: String
    /// Japanese name (`転入`); empty for an unknown event.
    public let eventName: String
    public let errors: [AnswerError]
    /// In counter order.
    public let procedures: [PlannedProcedure]
    /// The answers the plan was made from, for the form filler. Never written into `json`.
    public let answers: JSONValue

    public init(
        event: String, eventName: String, errors: [AnswerError], procedures: [PlannedProcedure], answers: JSONValue
    ) {
        self.event = event
        self.eventName = eventName
        self.errors = errors
        self.procedures = procedures
        self.answers = answers
    }

    /// True when there is nothing to fix and the forms can be filled.
    public var isValid: Bool { errors.isEmpty }

    /// Every form id to print, in procedure order, each once (a form two procedures share prints once).
    public var formIDs: [String] {
        var seen: Set<String> = []
        return procedures.flatMap(\.forms).filter { seen.insert($0).inserted }
    }

    /// The procedure with this id, if planned.
    public func procedure(_ id: String) -> PlannedProcedure? { procedures.first { $0.id == id } }

    /// The subjects of a planned procedure as person objects (`subjects[]` of its forms); empty when
    /// the procedure is not planned or is for the household.
    public func subjectPeople(of procedureID: String) -> [JSONValue] {
        procedure(procedureID)?.subjectPeople(in: answers) ?? []
    }

    /// `{"event", "eventName", "errors": [...], "procedures": [...]}` as in notes/forms-spec.md.
    public var json: JSONValue {
        .object(
            JSONObject([
                ("event", .string(event)), ("eventName", .string(eventName)),
                ("errors", .array(errors.map(\.json))), ("procedures", .array(procedures.map(\.json))),
            ]))
    }
}
