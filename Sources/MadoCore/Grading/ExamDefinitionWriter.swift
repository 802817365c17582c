// SPDX-License-Identifier: Apache-2.0
// Writes an exam definition back to the JSON `ExamDefinitionReader` reads, in the order a teacher wrote it.

/// The JSON of an exam definition: what `GET /v1/exams/{id}` answers and what is stored. Option lists that
/// a shorthand stands for are written as the shorthand ("ア-エ"), defaults are left out, so a written
/// definition reads like a hand-written one and reads back equal.
public enum ExamDefinitionWriter {
    public static func json(_ exam: ExamDefinition) -> JSONValue {
        var object = JSONObject([("id", .string(exam.id)), ("title", .string(exam.title))])
        if let subject = exam.subject { object.append("subject", .string(subject)) }
        if let className = exam.className { object.append("class", .string(className)) }
        object.append("studentNumberDigits", .number(String(exam.studentNumberDigits)))
        if !exam.perspectives.isEmpty { object.append("perspectives", .array(exam.perspectives.map { .string($0) })) }
        object.append("questions", .array(exam.questions.map(question)))
        return .object(object)
    }

    public static func text(_ exam: ExamDefinition) -> String { json(exam).serialized() }

    private static func question(_ question: ExamQuestion) -> JSONValue {
        var object = JSONObject([("id", .string(question.id))])
        switch question.kind {
        case .choice(let choice):
            object.append("kind", .string("choice"))
            if let shorthand = OptionShorthand.shorthand(for: choice.options) {
                object.append("options", .string(shorthand))
            } else {
                object.append("options", .array(choice.options.map { .string($0) }))
            }
            object.append("correct", .array(choice.correct.map { .string($0) }))
            if choice.multiple { object.append("multiple", .bool(true)) }
            if choice.partialCredit != .allOrNothing {
                object.append("partialCredit", .string(choice.partialCredit.rawValue))
            }
        case .written(let written):
            object.append("kind", .string("written"))
            object.append(
                "box",
                .object(
                    JSONObject([
                        ("width", SheetLayoutWriter.number(written.width)),
                        ("height", SheetLayoutWriter.number(written.height)),
                    ])))
        }
        object.append("points", SheetLayoutWriter.number(question.points))
        if let perspective = question.perspective { object.append("perspective", .string(perspective)) }
        return .object(object)
    }
}
