// SPDX-License-Identifier: Apache-2.0
// Strict reading of an exam definition's JSON: every mistake a teacher can make is reported at once,
// each with its path ("questions[3].correct[0]: \"オ\" is not one of the options ア, イ, ウ, エ").

/// Why an exam definition could not be read: every problem, each with its JSON path.
public struct ExamDefinitionProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [ValidationProblem]

    public init(_ problems: [ValidationProblem]) { self.problems = problems }

    public var description: String {
        "the exam definition is not valid: " + problems.map(\.description).joined(separator: "; ")
    }
}

/// Reads exam definitions as `ExamDefinitionWriter` writes them (see docs/omr.md).
///
/// ```json
/// { "id": "2026-2-sci-midterm", "title": "2学期中間テスト", "subject": "理科", "class": "2年1組",
///   "studentNumberDigits": 4, "perspectives": ["知識・技能", "思考・判断・表現"],
///   "questions": [
///     { "id": "1", "kind": "choice", "options": "ア-エ", "correct": ["イ"], "points": 2, "perspective": "知識・技能" },
///     { "id": "2", "kind": "choice", "options": ["1", "2", "3", "4", "5"], "correct": ["1", "3"], "multiple": true,
///       "points": 4, "partialCredit": "per-option", "perspective": "思考・判断・表現" },
///     { "id": "3", "kind": "written", "box": { "width": 170, "height": 30 }, "points": 6,
///       "perspective": "思考・判断・表現" } ] }
/// ```
public enum ExamDefinitionReader {
    /// More questions than any answer sheet holds is a mistake in the file (a 10-page exam has about 500).
    public static let maximumQuestions = 500
    public static let maximumIDLength = 40
    public static let maximumQuestionIDLength = 8

    /// Reads JSON text; a syntax error is reported as one problem at the document root.
    public static func read(text: String) -> Result<ExamDefinition, ExamDefinitionProblems> {
        do {
            return read(try JSONParser.parse(text))
        } catch {
            return .failure(ExamDefinitionProblems([ValidationProblem(path: "", message: error.description)]))
        }
    }

    public static func read(_ value: JSONValue) -> Result<ExamDefinition, ExamDefinitionProblems> {
        let problems = ProblemList()
        let exam = JSONElementReader(value: value, path: "", problems: problems).object { readExam($0) }
        if !problems.isEmpty { return .failure(ExamDefinitionProblems(problems.problems)) }
        guard let exam, let exam else {
            return .failure(
                ExamDefinitionProblems([ValidationProblem(path: "", message: "the exam definition could not be read")]))
        }
        return .success(exam)
    }

    private static func readExam(_ reader: JSONObjectReader) -> ExamDefinition? {
        let id = reader.requiredString("id")
        if let id, !isValidExamID(id) {
            reader.problem(
                "id",
                "must be 1 to \(maximumIDLength) ASCII letters, digits, '.', '_' or '-' (it is used in URLs and QR codes), found \"\(id)\""
            )
        }
        let title = reader.requiredString("title")
        if let title, title.isBlank { reader.problem("title", "must not be empty") }
        let subject = reader.string("subject")
        let className = reader.string("class")
        var digits: Int?
        if let value = reader.requiredInt("studentNumberDigits") {
            if (1...10).contains(value) {
                digits = value
            } else {
                reader.problem("studentNumberDigits", "must be between 1 and 10, found \(value)")
            }
        }
        let perspectives = reader.stringArray("perspectives") ?? []
        var seenPerspectives = Set<String>()
        for (i, name) in perspectives.enumerated() {
            if name.isBlank {
                reader.problem("perspectives[\(i)]", "must not be empty")
            } else if !seenPerspectives.insert(name).inserted {
                reader.problem("perspectives[\(i)]", "\"\(name)\" is listed twice")
            }
        }

        guard let questionsElement = reader.element("questions") else {
            reader.problem("questions", "is required")
            return nil
        }
        let questions =
            questionsElement.array { element in
                element.object { readQuestion($0, perspectives: perspectives) } ?? nil
            } ?? []
        if case .array(let items) = questionsElement.value {
            if items.isEmpty { reader.problem("questions", "needs at least one question") }
            if items.count > maximumQuestions {
                reader.problem("questions", "has \(items.count) questions; at most \(maximumQuestions) are allowed")
            }
            var seen: [String: Int] = [:]
            for (i, item) in items.enumerated() {
                guard case .object(let object) = item, case .string(let questionID)? = object["id"] else { continue }
                if let first = seen[questionID] {
                    reader.problem(
                        "questions[\(i)].id", "\"\(questionID)\" is already the id of questions[\(first)]")
                } else {
                    seen[questionID] = i
                }
            }
        }
        guard let id, let title, let digits else { return nil }
        return ExamDefinition(
            id: id, title: title, subject: subject, className: className, studentNumberDigits: digits,
            perspectives: perspectives, questions: questions)
    }

    private static func readQuestion(_ reader: JSONObjectReader, perspectives: [String]) -> ExamQuestion? {
        let id = reader.requiredString("id")
        if let id {
            if id.isEmpty || id.count > maximumQuestionIDLength {
                reader.problem(
                    "id",
                    "must be 1 to \(maximumQuestionIDLength) characters (it is printed as the question number), found \"\(id)\""
                )
            } else if id.contains("|")
                || id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
            {
                reader.problem("id", "must not contain '|', spaces or control characters, found \"\(id)\"")
            }
        }
        var points: Double?
        if let element = reader.element("points") {
            if let value = element.double {
                if value > 0 && value <= 1000 {
                    points = value
                } else {
                    reader.problem("points", "must be more than 0 and at most 1000, found \(element.numberText)")
                }
            }
        } else {
            reader.problem("points", "is required")
        }
        let perspective = reader.string("perspective")
        if let perspective {
            if perspectives.isEmpty {
                reader.problem(
                    "perspective",
                    "names \"\(perspective)\" but the exam lists no perspectives (add it to \"perspectives\")")
            } else if !perspectives.contains(perspective) {
                reader.problem(
                    "perspective",
                    "\"\(perspective)\" is not one of the exam's perspectives: \(perspectives.joined(separator: ", "))")
            }
        } else if !perspectives.isEmpty && !reader.has("perspective") {
            reader.problem(
                "perspective",
                "is required because the exam lists perspectives (one of \(perspectives.joined(separator: ", ")))")
        }

        var kind: ExamQuestion.Kind?
        switch reader.requiredString("kind") {
        case "choice":
            kind = readChoice(reader).map { .choice($0) }
        case "written":
            kind = readWritten(reader).map { .written($0) }
        case nil:
            break
        case let other?:
            reader.problem("kind", "must be \"choice\" or \"written\", found \"\(other)\"")
        }
        guard let id, let points, let kind else { return nil }
        return ExamQuestion(id: id, kind: kind, points: points, perspective: perspective)
    }

    private static func readChoice(_ reader: JSONObjectReader) -> ChoiceQuestion? {
        var options: [String]?
        if let element = reader.element("options") {
            options = readOptions(element)
        } else {
            reader.problem("options", "is required (a list of labels, or \"ア-エ\", \"1-4\", \"A-E\")")
        }
        let multiple = reader.bool("multiple", default: false)
        let creditText = reader.choice(
            "partialCredit", ChoiceQuestion.PartialCredit.allCases.map(\.rawValue), default: "all-or-nothing")
        let partialCredit = ChoiceQuestion.PartialCredit(rawValue: creditText) ?? .allOrNothing
        if partialCredit == .perOption && !multiple {
            reader.problem("partialCredit", "\"per-option\" applies only to questions with \"multiple\": true")
        }

        guard let correctElement = reader.element("correct") else {
            reader.problem("correct", "is required (the correct option labels)")
            return nil
        }
        let correct = correctElement.array { $0.string } ?? []
        if case .array(let items) = correctElement.value {
            if items.isEmpty {
                reader.problem("correct", "needs at least one correct option")
            } else if !multiple && items.count > 1 {
                reader.problem(
                    "correct", "lists \(items.count) correct options; set \"multiple\": true to accept several")
            }
        }
        var seen = Set<String>()
        for (i, label) in correct.enumerated() {
            if let options, !options.contains(label) {
                reader.problems.add(
                    "\(correctElement.path)[\(i)]",
                    "\"\(label)\" is not one of the options \(options.joined(separator: ", "))")
            } else if !seen.insert(label).inserted {
                reader.problems.add("\(correctElement.path)[\(i)]", "\"\(label)\" is listed twice")
            }
        }
        if let options, multiple, correct.count == options.count, !correct.isEmpty {
            reader.problem("correct", "lists every option as correct, so any complete marking would score")
        }
        guard let options else { return nil }
        let ordered = options.filter { seen.contains($0) }
        return ChoiceQuestion(options: options, correct: ordered, multiple: multiple, partialCredit: partialCredit)
    }

    private static func readOptions(_ element: JSONElementReader) -> [String]? {
        switch element.value {
        case .string(let text):
            guard let options = OptionShorthand.expand(text) else {
                element.problems.add(
                    element.path,
                    "\"\(text)\" is not a shorthand such as \"ア-エ\", \"1-4\", \"0-9\" or \"A-E\" (2 to 10 options starting at ア, 1, 0 or A); give a list of labels instead"
                )
                return nil
            }
            return options
        case .array:
            let options = element.array { $0.string } ?? []
            guard case .array(let items) = element.value, options.count == items.count else { return nil }
            guard (2...10).contains(options.count) else {
                element.problems.add(element.path, "needs 2 to 10 options, found \(options.count)")
                return nil
            }
            var valid = true
            var seen = Set<String>()
            for (i, label) in options.enumerated() {
                if label.isEmpty || label.count > 2
                    || label.unicodeScalars.contains(where: { $0.properties.isWhitespace })
                {
                    element.problems.add(
                        "\(element.path)[\(i)]",
                        "must be 1 or 2 characters without spaces (it is printed inside the bubble), found \"\(label)\""
                    )
                    valid = false
                } else if !seen.insert(label).inserted {
                    element.problems.add("\(element.path)[\(i)]", "\"\(label)\" is listed twice")
                    valid = false
                }
            }
            return valid ? options : nil
        default:
            element.problems.add(
                element.path,
                "expected a list of labels or a shorthand such as \"ア-エ\", found \(element.value.typeName)")
            return nil
        }
    }

    private static func readWritten(_ reader: JSONObjectReader) -> WrittenQuestion? {
        for key in ["options", "correct", "multiple", "partialCredit"] where reader.has(key) {
            reader.problem(key, "applies only to choice questions")
        }
        let box = reader.requiredObject("box") { box -> WrittenQuestion? in
            let width = millimetres(box, "width", in: WrittenQuestion.widthRange)
            let height = millimetres(box, "height", in: WrittenQuestion.heightRange)
            guard let width, let height else { return nil }
            return WrittenQuestion(width: width, height: height)
        }
        return box ?? nil
    }

    private static func millimetres(_ reader: JSONObjectReader, _ key: String, in range: ClosedRange<Double>) -> Double?
    {
        guard let element = reader.element(key) else {
            reader.problem(key, "is required (millimetres)")
            return nil
        }
        guard let value = element.double else { return nil }
        guard range.contains(value) else {
            reader.problem(
                key,
                "must be between \(SheetLayoutWriter.number(range.lowerBound).serialized()) and \(SheetLayoutWriter.number(range.upperBound).serialized()) mm to fit on an A4 answer sheet, found \(element.numberText)"
            )
            return nil
        }
        return value
    }

    static func isValidExamID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maximumIDLength
            && id.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || ".-_".unicodeScalars.contains(scalar))
            }
    }
}

extension JSONElementReader {
    /// The number as written in the file, for messages ("found 0", not "found 0.0").
    fileprivate var numberText: String {
        if case .number(let text) = value { return text }
        return value.typeName
    }
}

extension String {
    /// Empty or only spaces: nothing a person would see printed.
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
