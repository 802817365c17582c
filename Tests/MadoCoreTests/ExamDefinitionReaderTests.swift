// SPDX-License-Identifier: Apache-2.0
// Reading exam definitions: the example file, option shorthands, and every mistake named by its path.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ExamDefinitionReaderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func exampleExam() throws -> ExamDefinition {
        let url = repository.appendingPathComponent("config/exams/example.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try ExamDefinitionReader.read(text: text).get()
    }

    /// The problems of a definition, as "path: message" lines.
    func problems(_ json: String) -> [String] {
        switch ExamDefinitionReader.read(text: json) {
        case .success: return []
        case .failure(let failure): return failure.problems.map(\.description)
        }
    }

    /// A valid exam with `question` as its only question.
    func definition(question: String, perspectives: String = "[\"知識・技能\"]") -> String {
        """
        {"id": "t1", "title": "小テスト", "studentNumberDigits": 4, "perspectives": \(perspectives),
         "questions": [\(question)]}
        """
    }

    @Test func theExampleFileLoads() throws {
        let exam = try Self.exampleExam()
        #expect(exam.id == "2026-2-sci-midterm" && exam.subject == "理科" && exam.className == "2年1組")
        #expect(exam.studentNumberDigits == 4)
        #expect(exam.perspectives == ["知識・技能", "思考・判断・表現"])
        #expect(exam.questions.count == 28 && exam.maximumPoints == 100)
        #expect(exam.choiceQuestions.count == 25 && exam.writtenQuestions.count == 3)
        let first = try #require(exam.question("1(1)")?.choice)
        #expect(first.options == ["ア", "イ", "ウ", "エ"] && first.correct == ["イ"] && !first.multiple)
        let multiple = try #require(exam.question("3(6)")?.choice)
        #expect(multiple.options == ["1", "2", "3", "4", "5"] && multiple.correct == ["1", "3", "5"])
        #expect(multiple.multiple && multiple.partialCredit == .perOption)
        #expect(exam.question("2(7)")?.written == WrittenQuestion(width: 170, height: 40))
    }

    @Test(arguments: [
        ("ア-エ", ["ア", "イ", "ウ", "エ"]), ("ア-コ", OptionShorthand.katakana), ("1-4", ["1", "2", "3", "4"]),
        ("1-10", OptionShorthand.numbers), ("0-9", OptionShorthand.digits), ("A-E", ["A", "B", "C", "D", "E"]),
        ("A-B", ["A", "B"]),
    ])
    func optionShorthandsExpand(shorthand: String, options: [String]) throws {
        let exam = try ExamDefinitionReader.read(
            text: definition(
                question:
                    #"{"id": "1", "kind": "choice", "options": "\#(shorthand)", "correct": ["\#(options[1])"], "points": 1, "perspective": "知識・技能"}"#
            )
        ).get()
        #expect(exam.questions[0].choice?.options == options)
    }

    @Test func aListOfLabelsIsKeptInItsOrder() throws {
        let exam = try ExamDefinitionReader.read(
            text: definition(
                question:
                    #"{"id": "1", "kind": "choice", "options": ["○", "×"], "correct": ["×"], "points": 1, "perspective": "知識・技能"}"#
            )
        ).get()
        #expect(exam.questions[0].choice?.options == ["○", "×"])
    }

    @Test func correctAnswersAreKeptInOptionOrder() throws {
        let exam = try ExamDefinitionReader.read(
            text: definition(
                question:
                    #"{"id": "1", "kind": "choice", "options": "A-E", "correct": ["D", "B"], "multiple": true, "points": 2, "perspective": "知識・技能"}"#
            )
        ).get()
        #expect(exam.questions[0].choice?.correct == ["B", "D"])
    }

    @Test(arguments: [
        (#""options": "ア-サ""#, "questions[0].options: \"ア-サ\" is not a shorthand"),
        (#""options": "イ-エ""#, "questions[0].options: \"イ-エ\" is not a shorthand"),
        (#""options": "ア-ア""#, "questions[0].options: \"ア-ア\" is not a shorthand"),
        (#""options": ["ア"]"#, "questions[0].options: needs 2 to 10 options, found 1"),
        (
            #""options": ["1","2","3","4","5","6","7","8","9","10","11"]"#,
            "questions[0].options: needs 2 to 10 options, found 11"
        ),
        (#""options": ["ア", "ア", "ウ"]"#, "questions[0].options[1]: \"ア\" is listed twice"),
        (#""options": ["長い選択肢", "イ"]"#, "questions[0].options[0]: must be 1 or 2 characters"),
        (#""options": 4"#, "questions[0].options: expected a list of labels or a shorthand"),
    ])
    func badOptionsAreNamed(options: String, expected: String) {
        let found = problems(
            definition(
                question:
                    #"{"id": "1", "kind": "choice", \#(options), "correct": ["イ"], "points": 1, "perspective": "知識・技能"}"#
            ))
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test func wrongCorrectAnswersAreNamed() {
        let found = problems(
            """
            {"id": "t1", "title": "小テスト", "studentNumberDigits": 4,
             "questions": [
               {"id": "1", "kind": "choice", "options": "ア-エ", "correct": ["オ"], "points": 2},
               {"id": "2", "kind": "choice", "options": "ア-エ", "correct": ["ア", "イ"], "points": 2},
               {"id": "3", "kind": "choice", "options": "ア-エ", "correct": [], "points": 2},
               {"id": "4", "kind": "choice", "options": "1-4", "correct": ["1", "1"], "multiple": true, "points": 2},
               {"id": "5", "kind": "choice", "options": "1-4", "points": 2},
               {"id": "6", "kind": "choice", "options": "ア-ウ", "correct": ["ア"], "points": 2, "partialCredit": "per-option"},
               {"id": "7", "kind": "choice", "options": "ア-ウ", "correct": ["ア"], "points": 2, "partialCredit": "half"},
               {"id": "8", "kind": "choice", "options": "ア-ウ", "correct": ["ア", "イ", "ウ"], "multiple": true, "points": 2}]}
            """)
        #expect(
            found == [
                "questions[0].correct[0]: \"オ\" is not one of the options ア, イ, ウ, エ",
                "questions[1].correct: lists 2 correct options; set \"multiple\": true to accept several",
                "questions[2].correct: needs at least one correct option",
                "questions[3].correct[1]: \"1\" is listed twice",
                "questions[4].correct: is required (the correct option labels)",
                "questions[5].partialCredit: \"per-option\" applies only to questions with \"multiple\": true",
                "questions[6].partialCredit: must be one of all-or-nothing, per-option, found \"half\"",
                "questions[7].correct: lists every option as correct, so any complete marking would score",
            ])
    }

    @Test func examLevelMistakesAreNamed() {
        let found = problems(
            """
            {"id": "2026 中間", "title": " ", "studentNumberDigits": 11, "perspectives": ["知識・技能", "知識・技能"],
             "colour": "blue",
             "questions": [
               {"id": "1", "kind": "choice", "options": "ア-エ", "correct": ["ア"], "points": 0, "perspective": "態度"},
               {"id": "1", "kind": "choice", "options": "ア-エ", "correct": ["ア"], "points": 1},
               {"id": "a|b", "kind": "choice", "options": "ア-エ", "correct": ["ア"], "points": 1, "perspective": "知識・技能"},
               {"id": "123456789", "kind": "essay", "points": 1, "perspective": "知識・技能"}]}
            """)
        #expect(
            found == [
                "id: must be 1 to 40 ASCII letters, digits, '.', '_' or '-' (it is used in URLs and QR codes), found \"2026 中間\"",
                "title: must not be empty",
                "studentNumberDigits: must be between 1 and 10, found 11",
                "perspectives[1]: \"知識・技能\" is listed twice",
                "questions[0].points: must be more than 0 and at most 1000, found 0",
                "questions[0].perspective: \"態度\" is not one of the exam's perspectives: 知識・技能, 知識・技能",
                "questions[1].perspective: is required because the exam lists perspectives (one of 知識・技能, 知識・技能)",
                "questions[2].id: must not contain '|', spaces or control characters, found \"a|b\"",
                "questions[3].id: must be 1 to 8 characters (it is printed as the question number), found \"123456789\"",
                "questions[3].kind: must be \"choice\" or \"written\", found \"essay\"",
                "questions[1].id: \"1\" is already the id of questions[0]",
                "colour: unknown key",
            ])
    }

    @Test func writtenBoxesMustFitTheSheet() {
        let found = problems(
            """
            {"id": "t1", "title": "小テスト", "studentNumberDigits": 4,
             "questions": [
               {"id": "1", "kind": "written", "box": {"width": 180, "height": 30}, "points": 5},
               {"id": "2", "kind": "written", "box": {"width": 100, "height": 5}, "points": 5},
               {"id": "3", "kind": "written", "box": {"width": 100}, "points": 5},
               {"id": "4", "kind": "written", "points": 5},
               {"id": "5", "kind": "written", "box": {"width": 100, "height": 20}, "correct": ["ア"], "points": 5}]}
            """)
        #expect(
            found == [
                "questions[0].box.width: must be between 20 and 170 mm to fit on an A4 answer sheet, found 180",
                "questions[1].box.height: must be between 10 and 150 mm to fit on an A4 answer sheet, found 5",
                "questions[2].box.height: is required (millimetres)",
                "questions[3].box: is required",
                "questions[4].correct: applies only to choice questions",
            ])
    }

    @Test func perspectivesAreOptionalWhenTheExamHasNone() throws {
        let exam = try ExamDefinitionReader.read(
            text: definition(
                question: #"{"id": "1", "kind": "choice", "options": "1-4", "correct": ["2"], "points": 1.5}"#,
                perspectives: "[]")
        ).get()
        #expect(exam.questions[0].perspective == nil && exam.questions[0].points == 1.5)
        #expect(
            problems(
                definition(
                    question:
                        #"{"id": "1", "kind": "choice", "options": "1-4", "correct": ["2"], "points": 1, "perspective": "知識・技能"}"#,
                    perspectives: "[]"))
                == [
                    "questions[0].perspective: names \"知識・技能\" but the exam lists no perspectives (add it to \"perspectives\")"
                ])
    }

    @Test func aSyntaxErrorSaysWhere() {
        let found = problems("{\"id\": \"t1\",\n \"title\": }")
        #expect(found.count == 1 && found[0].contains("line 2"))
    }

    @Test func theWriterReadsBackEqualAndUsesShorthands() throws {
        let exam = try Self.exampleExam()
        let text = ExamDefinitionWriter.text(exam)
        #expect(try ExamDefinitionReader.read(text: text).get() == exam)
        #expect(text.contains(#""options":"ア-エ""#) && text.contains(#""options":"1-5""#))
        #expect(text.contains(#""box":{"width":170,"height":40}"#) && text.contains(#""points":3,"#))
        #expect(!text.contains("all-or-nothing") && !text.contains(#""multiple":false"#))

        let custom = ExamDefinition(
            id: "x", title: "t", studentNumberDigits: 2,
            questions: [
                ExamQuestion(id: "1", kind: .choice(ChoiceQuestion(options: ["○", "×"], correct: ["○"])), points: 0.5)
            ])
        let customText = ExamDefinitionWriter.text(custom)
        #expect(customText.contains(#""options":["○","×"]"#) && customText.contains(#""points":0.5"#))
        #expect(try ExamDefinitionReader.read(text: customText).get() == custom)
    }
}
