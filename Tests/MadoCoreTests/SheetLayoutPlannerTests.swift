// SPDX-License-Identifier: Apache-2.0
// The planned answer sheets: marks where the design says, nothing overlapping, everything between the
// marks, long exams spanning pages, and a layout version that follows the geometry.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct SheetLayoutPlannerTests {
    static func choice(_ id: String, options: String = "ア-エ", correct: String = "ア", multiple: Bool = false)
        -> ExamQuestion
    {
        ExamQuestion(
            id: id,
            kind: .choice(
                ChoiceQuestion(options: OptionShorthand.expand(options)!, correct: [correct], multiple: multiple)),
            points: 1)
    }

    static func written(_ id: String, _ width: Double, _ height: Double) -> ExamQuestion {
        ExamQuestion(id: id, kind: .written(WrittenQuestion(width: width, height: height)), points: 5)
    }

    static func exam(_ questions: [ExamQuestion], digits: Int = 4) -> ExamDefinition {
        ExamDefinition(id: "test-exam", title: "確認テスト", studentNumberDigits: digits, questions: questions)
    }

    static let sixtyQuestions = exam((1...60).map { choice(String($0)) })

    /// Everything printed on a page that must not touch anything else.
    static func printedRects(_ page: SheetLayoutPlanner.Page) -> [(String, Rect)] {
        let clear = SheetLayoutPlanner.markSize / 2 + SheetLayoutPlanner.markClearZone
        var rects: [(String, Rect)] = page.layout.alignmentMarks.enumerated().map { i, mark in
            (
                "mark \(i) with its clear zone",
                Rect(x: mark.centre.x - clear, y: mark.centre.y - clear, width: 2 * clear, height: 2 * clear)
            )
        }
        rects.append(("orientation mark", page.layout.orientationMark!))
        rects.append(("QR code", page.layout.qrCode!))
        rects.append(("title", page.titleArea))
        rects.append(("name box", page.layout.nameBox!))
        if let instructions = page.instructions { rects.append(("instructions", instructions)) }
        rects.append(("student number", page.studentNumber.frame))
        rects += page.columns.enumerated().map { ("column \($0)", $1.frame) }
        rects += page.layout.writtenBoxes.map { ("box \($0.questionID)", $0.rect) }
        return rects
    }

    static func overlaps(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX - 1e-9 && b.x < a.maxX - 1e-9 && a.y < b.maxY - 1e-9 && b.y < a.maxY - 1e-9
    }

    static func bubbleRect(_ bubble: Bubble) -> Rect {
        Rect(
            x: bubble.centre.x - bubble.width / 2, y: bubble.centre.y - bubble.height / 2, width: bubble.width,
            height: bubble.height)
    }

    static func inside(_ inner: Rect, _ outer: Rect) -> Bool {
        inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 && inner.maxX <= outer.maxX + 1e-9
            && inner.maxY <= outer.maxY + 1e-9
    }

    static func checkPage(_ page: SheetLayoutPlanner.Page) {
        let printed = printedRects(page)
        for i in printed.indices {
            for j in printed.indices where j > i {
                #expect(
                    !overlaps(printed[i].1, printed[j].1),
                    "page \(page.layout.page): \(printed[i].0) overlaps \(printed[j].0)")
            }
        }
        let content = Rect(
            x: SheetLayoutPlanner.contentLeft, y: SheetLayoutPlanner.contentTop, width: SheetLayoutPlanner.contentWidth,
            height: SheetLayoutPlanner.contentBottom - SheetLayoutPlanner.contentTop)
        for (name, rect) in printed where !name.hasPrefix("mark") && name != "orientation mark" {
            #expect(inside(rect, content), "page \(page.layout.page): \(name) \(rect) is outside the content area")
        }
        // Every bubble sits in its column (or the student-number frame) without touching another one.
        let bubbles = page.layout.fields.flatMap { field in field.bubbles.map { (field, $0) } }
        for (field, bubble) in bubbles {
            #expect(bubble.width == 5.0 && bubble.height == 3.6)
            let rect = bubbleRect(bubble)
            if case .digit = field.kind {
                #expect(inside(rect, page.studentNumber.frame))
            } else {
                #expect(
                    page.columns.contains { inside(rect, $0.frame) },
                    "bubble \(field.id) \(bubble.label) is outside every column")
            }
        }
        for i in bubbles.indices {
            for j in bubbles.indices where j > i {
                #expect(!overlaps(bubbleRect(bubbles[i].1), bubbleRect(bubbles[j].1)))
            }
        }
        // Options at least 7 mm apart in a row, rows at least 6.5 mm apart.
        let choiceFields = page.layout.fields.filter { if case .choice = $0.kind { true } else { false } }
        for field in choiceFields {
            for (a, b) in zip(field.bubbles, field.bubbles.dropFirst()) {
                #expect(b.centre.x - a.centre.x >= 7 - 1e-9 && a.centre.y == b.centre.y)
            }
        }
        for (a, b) in zip(choiceFields, choiceFields.dropFirst()) where a.bubbles[0].centre.x == b.bubbles[0].centre.x {
            #expect(b.bubbles[0].centre.y - a.bubbles[0].centre.y >= 6.5 - 1e-9)
        }
    }

    @Test func marksAreWhereTheDesignSays() throws {
        let pages = try SheetLayoutPlanner.plan(for: ExamDefinitionReaderTests.exampleExam())
        for page in pages {
            let layout = page.layout
            #expect(layout.units == .millimetres && layout.width == 210 && layout.height == 297)
            let marks = layout.alignmentMarks
            #expect(
                marks.map(\.centre) == [
                    Point(x: 12, y: 12), Point(x: 198, y: 12), Point(x: 198, y: 285), Point(x: 12, y: 285),
                ])
            #expect(marks.allSatisfy { $0.size == 7 && $0.shape == .square && $0.searchArea.contains($0.centre) })
            #expect(marks.allSatisfy { $0.searchArea.width >= 30 && $0.searchArea.height >= 30 })
            #expect(layout.orientationMark == Rect(x: 22, y: 10, width: 4, height: 4))
            #expect(layout.orientationMark?.centre == Point(x: 24, y: 12))
            #expect(layout.qrCode == Rect(x: 166, y: 20, width: 22, height: 22))
            #expect(layout.examID == "2026-2-sci-midterm" && layout.nameBox != nil)
        }
    }

    @Test func theExampleExamIsLaidOutOnTwoPagesWithoutOverlaps() throws {
        let exam = try ExamDefinitionReaderTests.exampleExam()
        let pages = try SheetLayoutPlanner.plan(for: exam)
        #expect(pages.count == 2)
        #expect(pages.map(\.layout.page) == [1, 2] && pages.allSatisfy { $0.pageCount == 2 })
        #expect(pages[0].instructions != nil && pages[1].instructions == nil)
        for page in pages { Self.checkPage(page) }
        // Every question is on exactly one page, choice questions as fields, written ones as boxes.
        let fieldQuestions = pages.flatMap(\.layout.fields).compactMap { field -> String? in
            if case .choice(let id, _) = field.kind { return id }
            return nil
        }
        #expect(fieldQuestions == exam.choiceQuestions.map(\.id))
        #expect(pages.flatMap(\.layout.writtenBoxes).map(\.questionID) == exam.writtenQuestions.map(\.id))
        let box = try #require(pages.flatMap(\.layout.writtenBoxes).first { $0.questionID == "2(7)" })
        #expect(box.rect.width == 170 && box.rect.height == 40)
        let multiple = try #require(pages[0].layout.fields.first { $0.id == "q3(6)" })
        #expect(multiple.kind == .choice(questionID: "3(6)", multiple: true))
        #expect(multiple.bubbles.map(\.label) == ["1", "2", "3", "4", "5"])
    }

    @Test func everyPageCarriesTheStudentNumberGrid() throws {
        let pages = try SheetLayoutPlanner.plan(for: Self.sixtyQuestions)
        for page in pages {
            let digits = page.layout.fields.filter { if case .digit = $0.kind { true } else { false } }
            #expect(digits.map(\.kind) == (0..<4).map { .digit(position: $0) })
            #expect(digits.allSatisfy { $0.bubbles.map(\.label) == (0...9).map(String.init) })
            #expect(page.studentNumber.writeInCells.count == 4)
            // Digits in columns left to right, 0 at the top of each.
            #expect(digits[1].bubbles[0].centre.x > digits[0].bubbles[0].centre.x)
            #expect(digits[0].bubbles[9].centre.y > digits[0].bubbles[0].centre.y)
        }
    }

    @Test func sixtyQuestionsSpanTwoPages() throws {
        let pages = try SheetLayoutPlanner.plan(for: Self.sixtyQuestions)
        #expect(pages.count == 2)
        for page in pages { Self.checkPage(page) }
        let ids = pages.flatMap(\.layout.fields).compactMap { field -> String? in
            if case .choice(let id, _) = field.kind { return id }
            return nil
        }
        #expect(ids == (1...60).map(String.init))
        #expect(pages[0].columns.count == 2 && pages[0].layout.fields.count > 40)
        #expect(Set(pages.map(\.layout.layoutVersion)).count == 1)
    }

    @Test func aLongExamWithBigBoxesBreaksPagesEverywhere() throws {
        var questions = (1...150).map {
            $0 % 3 == 0 ? Self.choice("\($0)", options: "1-5", correct: "1") : Self.choice("\($0)")
        }
        questions += (1...6).map { Self.written("w\($0)", $0 % 2 == 0 ? 80 : 170, 150) }
        questions += (1...5).map { Self.written("s\($0)", 50, 20) }
        let pages = try SheetLayoutPlanner.plan(for: Self.exam(questions, digits: 10))
        #expect(pages.count > 4)
        for page in pages { Self.checkPage(page) }
        #expect(pages.flatMap(\.layout.writtenBoxes).count == 11)
        #expect(
            pages.flatMap(\.layout.fields).filter { if case .choice = $0.kind { true } else { false } }.count == 150)
        #expect(pages.allSatisfy { !$0.layout.fields.isEmpty })
        // Small boxes share a line.
        let small = pages.flatMap(\.layout.writtenBoxes).filter { $0.questionID.hasPrefix("s") }
        #expect(Set(small.map(\.rect.y)).count < small.count)
    }

    @Test func tenOptionsStillFitTwoColumns() throws {
        let questions = (1...5).map { Self.choice("\($0)", options: "0-9", correct: "0") } + [Self.choice("6")]
        let pages = try SheetLayoutPlanner.plan(for: Self.exam(questions))
        #expect(pages.count == 1 && pages[0].columns.count == 2)
        Self.checkPage(pages[0])
        let row = try #require(pages[0].layout.fields.first { $0.id == "q1" })
        #expect(row.bubbles.map(\.label) == OptionShorthand.digits)
        #expect(row.bubbles[1].centre.x - row.bubbles[0].centre.x == 7)
        // Four options get the roomier pitch.
        let short = try #require(SheetLayoutPlanner.plan(for: Self.exam([Self.choice("1")]))[0].layout.fields.last)
        #expect(short.bubbles[1].centre.x - short.bubbles[0].centre.x == 7.5)
    }

    @Test func fewQuestionsShareTheColumnsEvenly() throws {
        let pages = try SheetLayoutPlanner.plan(for: Self.exam((1...20).map { Self.choice("\($0)") }))
        #expect(pages.count == 1 && pages[0].columns.count == 2)
        let rows = pages[0].columns.map(\.rowCount)
        #expect(rows.reduce(0, +) == 20 && rows[0] >= rows[1])
        let bottoms = pages[0].columns.map(\.frame.maxY)
        #expect(abs(bottoms[0] - bottoms[1]) <= 7)
    }

    @Test func theLayoutVersionFollowsTheGeometry() throws {
        let exam = try ExamDefinitionReaderTests.exampleExam()
        let version = try SheetLayoutPlanner.layout(for: exam)[0].layoutVersion
        #expect((0...1_000_000).contains(version))

        var newAnswer = exam
        newAnswer.questions[0].kind = .choice(ChoiceQuestion(options: ["ア", "イ", "ウ", "エ"], correct: ["ア"]))
        newAnswer.title = "2学期中間テスト（再）"
        #expect(try SheetLayoutPlanner.layout(for: newAnswer)[0].layoutVersion == version)

        var added = exam
        added.questions.insert(Self.choice("1(8)"), at: 7)
        #expect(try SheetLayoutPlanner.layout(for: added)[0].layoutVersion != version)

        var moreDigits = exam
        moreDigits.studentNumberDigits = 5
        #expect(try SheetLayoutPlanner.layout(for: moreDigits)[0].layoutVersion != version)
    }

    @Test func theLayoutJSONReadsBack() throws {
        for layout in try SheetLayoutPlanner.layout(for: ExamDefinitionReaderTests.exampleExam()) {
            let text = SheetLayoutWriter.text(layout)
            #expect(try SheetLayoutReader.read(text: text).get() == layout)
        }
    }

    @Test func anOversizedBoxBuiltInCodeIsRefused() {
        #expect(throws: SheetLayoutPlanner.PlanningError.self) {
            try SheetLayoutPlanner.layout(for: Self.exam([Self.written("1", 170, 250)]))
        }
        #expect(throws: SheetLayoutPlanner.PlanningError.self) {
            try SheetLayoutPlanner.layout(for: Self.exam([Self.choice("1")], digits: 0))
        }
        var pipe = Self.exam([Self.choice("1")])
        pipe.id = "a|b"
        #expect(throws: SheetLayoutPlanner.PlanningError.self) { try SheetLayoutPlanner.layout(for: pipe) }
    }

    @Test func theQRPayloadRoundTrips() throws {
        let payload = try #require(
            SheetQRPayload(examID: "2026-2-sci-midterm", page: 2, layoutVersion: 48213, studentNumber: "0123"))
        #expect(payload.text == "MADO1|2026-2-sci-midterm|2|48213|0123")
        #expect(SheetQRPayload(parsing: payload.text) == payload)
        let blank = try #require(SheetQRPayload(parsing: "MADO1|x|1|0|"))
        #expect(blank.studentNumber == nil && blank.page == 1)
        for text in [
            "MADO2|x|1|0|", "MADO1|x|1|0", "MADO1||1|0|", "MADO1|x|0|0|", "MADO1|x|+1|0|", "MADO1|x|1|0|12a",
            "MADO1|x|1|0||", "https://example.com",
        ] {
            #expect(SheetQRPayload(parsing: text) == nil, "\(text)")
        }
        #expect(SheetQRPayload(examID: "a|b", page: 1, layoutVersion: 0) == nil)
    }
}
