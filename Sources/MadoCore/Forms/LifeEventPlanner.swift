// SPDX-License-Identifier: Apache-2.0
// Turns one interview (event + answers) into the plan: validation errors and the procedures that apply.

/// The entry point of the interview layer: pure, no I/O.
public enum LifeEventPlanner {
    /// Plans `eventID` (an id such as `move-in` or a Japanese name such as `転入`) for `answers`.
    ///
    /// The rules run first on whatever answers read, then the answers are validated against the event's
    /// schema, because some fields are required only when a procedure applies (a bank account when
    /// money is paid). An unknown event gives a plan with one error on `event` and no procedures.
    public static func plan(eventID: String, answers: JSONValue, catalog: LifeEventCatalog) -> InterviewPlan {
        guard let event = catalog.event(eventID) else {
            let known = catalog.events.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
            let error = AnswerError(
                field: "event", code: "unknown_event", message: "届出の種類が正しくありません（\(known)）",
                messageEn: "the event is not one of \(known)")
            return InterviewPlan(event: eventID, eventName: "", errors: [error], procedures: [], answers: answers)
        }
        let context = AnswerContext(answers)
        let procedures = RuleEvaluator(context).plannedProcedures(for: event, catalog: catalog)
        let validator = AnswerValidator(
            event: event, evaluator: RuleEvaluator(context, planned: Set(procedures.map(\.id))))
        return InterviewPlan(
            event: event.id, eventName: event.name, errors: validator.validate(answers), procedures: procedures,
            answers: answers)
    }
}
