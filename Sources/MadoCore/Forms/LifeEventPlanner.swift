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

    /// Plans a request body `{"event": "move-in", "answers": {...}}` (the shape of
    /// `POST /v1/interviews/plan` and of config/examples/interview-*.json). A body without a string
    /// `event`, without `answers`, or with other keys gives a plan whose errors say so.
    public static func plan(interview: JSONValue, catalog: LifeEventCatalog) -> InterviewPlan {
        guard case .object(let body) = interview else {
            return refused(
                "interview", "届出の内容はオブジェクトで送ってください", "the interview must be a JSON object", code: "invalid_type")
        }
        var errors: [AnswerError] = []
        for key in body.keys where key != "event" && key != "answers" {
            errors.append(
                AnswerError(
                    field: key, code: "unknown_field", message: "届出にない項目です（event と answers だけを送ってください）",
                    messageEn: "is not part of an interview (send only event and answers)"))
        }
        guard case .string(let event)? = body["event"] else {
            return refused("event", "届出の種類 (event) を入力してください", "event is required (such as move-in)", errors)
        }
        guard let answers = body["answers"] else {
            return refused("answers", "回答 (answers) を入力してください", "answers is required", errors, event: event)
        }
        let plan = plan(eventID: event, answers: answers, catalog: catalog)
        return InterviewPlan(
            event: plan.event, eventName: plan.eventName, errors: errors + plan.errors, procedures: plan.procedures,
            answers: answers)
    }

    private static func refused(
        _ field: String, _ message: String, _ messageEn: String, _ earlier: [AnswerError] = [], event: String = "",
        code: String = "required"
    ) -> InterviewPlan {
        let error = AnswerError(field: field, code: code, message: message, messageEn: messageEn)
        return InterviewPlan(
            event: event, eventName: "", errors: earlier + [error], procedures: [], answers: .object(JSONObject()))
    }
}
