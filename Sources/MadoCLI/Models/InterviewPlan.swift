// SPDX-License-Identifier: Apache-2.0
// The CLI's view of a plan: what `POST /v1/interviews/plan` answers for one life event.
internal import MadoCore

/// The procedures a life event triggers, and what in the answers still needs attention.
struct InterviewPlan {
    struct Procedure {
        let id: String
        let name: String
        let reason: String
        let department: String?
        let counter: String?
        let forms: [String]
    }

    struct Problem {
        let field: String
        let message: String
        let messageEnglish: String?
    }

    let event: String
    let eventName: String?
    let procedures: [Procedure]
    let errors: [Problem]

    static func read(_ r: JSONObjectReader) -> InterviewPlan? {
        let event = r.requiredString("event")
        let procedures = r.array("procedures") { element in
            element.lenientObject { p -> Procedure? in
                guard let id = p.requiredString("id"), let name = p.requiredString("name") else { return nil }
                return Procedure(
                    id: id, name: name, reason: p.string("reason") ?? "", department: p.string("department"),
                    counter: p.string("counter"), forms: p.stringArray("forms") ?? [])
            }
        }
        let errors = r.array("errors") { element in
            element.lenientObject { e -> Problem? in
                guard let field = e.requiredString("field"), let message = e.requiredString("message") else {
                    return nil
                }
                return Problem(field: field, message: message, messageEnglish: e.string("messageEn"))
            }
        }
        guard let event else { return nil }
        return InterviewPlan(
            event: event, eventName: r.string("eventName"), procedures: procedures ?? [], errors: errors ?? [])
    }

    /// `転入 (move-in): 6 procedures` and one block per procedure, or the problems to fix.
    func rendered() -> String {
        let title = eventName.map { "\($0) (\(event))" } ?? event
        var text = ""
        if !errors.isEmpty {
            text += "\(title): \(errors.count) answer\(errors.count == 1 ? "" : "s") need attention:\n"
            for problem in errors {
                let english = problem.messageEnglish.map { " (\($0))" } ?? ""
                text += "  \(problem.field): \(problem.message)\(english)\n"
            }
            return text
        }
        text += "\(title): \(procedures.count) procedure\(procedures.count == 1 ? "" : "s")\n"
        for (index, procedure) in procedures.enumerated() {
            let place = [procedure.department, procedure.counter].compactMap { $0 }.joined(separator: " ")
            text += "\(index + 1). \(procedure.name)\(place.isEmpty ? "" : "  — \(place)")\n"
            if !procedure.reason.isEmpty { text += "   理由: \(procedure.reason)\n" }
            text += "   書類: \(procedure.forms.isEmpty ? "(なし)" : procedure.forms.joined(separator: ", "))\n"
        }
        return text
    }
}
