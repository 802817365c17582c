// SPDX-License-Identifier: Apache-2.0
// Fills a rule's reason text: `中学生以下の子 ({count}人) が転入するため`.
internal import Foundation

/// Renders `{count}` (the number of subjects) and `{answer:path}` (a whole-number answer such as
/// `certificateCopies`). Only numbers are ever put into a reason, never a name or a date, so reasons
/// can be logged and printed on the cover sheet without leaking who the resident is.
struct RuleReasonTemplate {
    let context: AnswerContext
    let count: Int

    /// The names between braces in `template`, in order.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    func render(_ template: String) -> String {
        var text = template
        for name in Self.placeholders(in: template) {
            text = text.replacingOccurrences(of: "{\(name)}", with: value(of: name))
        }
        return text
    }

    private func value(of name: String) -> String {
        if name == "count" { return String(count) }
        if name.hasPrefix("answer:"), case .number(let n)? = context.value(at: String(name.dropFirst(7))),
            let whole = Int(n)
        {
            return String(whole)
        }
        return "?"
    }
}
