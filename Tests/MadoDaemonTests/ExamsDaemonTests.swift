// SPDX-License-Identifier: Apache-2.0
// Exams through a real madod: a definition goes in, sheets and the layout come out, and a scan of a
// filled sheet (turned upside down, as ADF batches have them) reads back as the student marked it.
import Foundation
import MadoCore
import MadoImaging
import MadoRender
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct ExamsDaemonTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func exampleExam() throws -> (text: String, exam: ExamDefinition) {
        let text = try String(
            contentsOf: repository.appendingPathComponent("config/exams/example.json"), encoding: .utf8)
        switch ExamDefinitionReader.read(text: text) {
        case .success(let exam): return (text, exam)
        case .failure(let problems): throw HarnessError(message: "config/exams/example.json: \(problems)")
        }
    }

    static func request(
        _ harness: DaemonHarness, _ method: String, _ path: String, body: Data = Data(),
        type: String = "application/json"
    ) throws -> RawHTTPResponse {
        try RawHTTP.request(
            socket: harness.socketPath, method: method, path: path, headers: ["Content-Type": type], body: body)
    }

    static func json(_ response: RawHTTPResponse) throws -> JSONObject {
        guard case .object(let object) = try JSONParser.parse(response.body) else {
            throw HarnessError(message: "not a JSON object: \(response.text)")
        }
        return object
    }

    /// Page 1 at 200 dpi with the correct option of every single-answer question and the student
    /// number 1234… filled in like a pencil would.
    static func filledScan(_ exam: ExamDefinition, layout: SheetLayout) throws -> (GrayImage, [String: String]) {
        let raster = try SheetRenderer.raster(exam: exam, layout: layout, dpi: 200, studentNumber: nil)
        var canvas = GrayCanvas(
            width: raster.width, height: raster.height,
            transform: PlaneTransform(a: 200 / 25.4, b: 0, c: 0, d: 0, e: 200 / 25.4, f: 0))
        canvas.image = raster
        var expected: [String: String] = [:]
        for field in layout.fields {
            let chosen: Bubble?
            switch field.kind {
            case .choice(let question, let multiple):
                guard !multiple, let answer = exam.question(question)?.choice?.correct.first else { continue }
                chosen = field.bubbles.first { $0.label == answer }
                expected[question] = answer
            case .digit(let position):
                chosen = field.bubbles.first { $0.label == String((position + 1) % 10) }
            }
            if let chosen {
                canvas.fillEllipse(
                    centre: chosen.centre, width: chosen.width * 0.9, height: chosen.height * 0.9, grey: 40)
            }
        }
        return (canvas.image, expected)
    }

    // The daemon is driven with blocking calls on the test's own thread (`.ownThread`), never on the
    // cooperative pool, so in-process servers of other suites running at the same time still get its threads.
    @Test func anExamGoesInAndItsFilledSheetReadsBackUpsideDown() throws {
        let (text, exam) = try Self.exampleExam()
        let harness = try DaemonHarness()
        try harness.start()
        defer { harness.cleanUp() }

        let added = try Self.request(harness, "POST", "/v1/exams", body: Data(text.utf8))
        #expect(added.status == 201, "\(added.text)")
        let layoutAnswer = try Self.request(harness, "GET", "/v1/exams/\(exam.id)/layout.json")
        #expect(layoutAnswer.status == 200)
        guard case .array(let pages)? = try Self.json(layoutAnswer)["pages"],
            case .success(let layout)? =
                pages.first.map(SheetLayoutReader.read)
        else {
            Issue.record("no readable page layout: \(layoutAnswer.text.prefix(300))")
            return
        }
        let sheets = try Self.request(harness, "GET", "/v1/exams/\(exam.id)/sheets.pdf?copies=2")
        #expect(sheets.status == 200)
        #expect(sheets.headers["content-type"] == "application/pdf")
        #expect(sheets.body.starts(with: Array("%PDF".utf8)))

        let (scan, expected) = try Self.filledScan(exam, layout: layout)
        let upsideDown = GrayCanvas.rotated(scan, counterclockwiseQuarterTurns: 2)
        let png = try GrayImageEncoder.png(upsideDown)
        let read = try Self.request(
            harness, "POST", "/v1/exams/\(exam.id)/read?name=scan-001.png", body: png, type: "image/png")
        #expect(read.status == 200, "\(read.text.prefix(400))")
        guard case .array(let readPages)? = try Self.json(read)["pages"], case .object(let page)? = readPages.first
        else {
            Issue.record("no pages in \(read.text.prefix(300))")
            return
        }
        #expect(page["rotation"] == .number("180"))
        let digits = (1...exam.studentNumberDigits).map { String($0 % 10) }.joined()
        #expect(page["studentNumber"] == .string(digits))
        guard case .array(let questions)? = page["questions"] else {
            Issue.record("no questions: \(read.text.prefix(300))")
            return
        }
        var answered = 0
        for question in questions {
            guard case .object(let q) = question, case .string(let id)? = q["id"], let answer = expected[id] else {
                continue
            }
            #expect(q["chosen"] == .array([.string(answer)]), "question \(id)")
            #expect(q["flags"] == .array([]), "question \(id)")
            answered += 1
        }
        #expect(answered == expected.count && answered > 0)
    }

    @Test func badScansGetAClearErrorAndNeverA5xx() throws {
        let (text, exam) = try Self.exampleExam()
        let harness = try DaemonHarness()
        try harness.start()
        defer { harness.cleanUp() }
        _ = try Self.request(harness, "POST", "/v1/exams", body: Data(text.utf8))
        let path = "/v1/exams/\(exam.id)/read"

        let empty = try Self.request(harness, "POST", path, type: "image/png")
        #expect(empty.status == 400)
        let garbage = try Self.request(harness, "POST", path, body: Data(repeating: 0x42, count: 5000))
        #expect(garbage.status == 422)
        #expect(garbage.text.contains("unreadable_image"))
        var truncated = try GrayImageEncoder.png(GrayImage(width: 1654, height: 2339))
        truncated.removeLast(truncated.count / 2)
        let cut = try Self.request(harness, "POST", path, body: truncated, type: "image/png")
        #expect(cut.status < 500, "\(cut.text)")
        let tiny = try Self.request(
            harness, "POST", path, body: try GrayImageEncoder.png(GrayImage(width: 1, height: 1)), type: "image/png")
        #expect(tiny.status == 200)
        #expect(tiny.text.contains("\"error\""))
        let unknown = try Self.request(harness, "POST", "/v1/exams/no-such-exam/read", body: Data([1]))
        #expect(unknown.status == 404)
        let invalid = try Self.request(harness, "POST", "/v1/exams", body: Data(#"{"id": "x"}"#.utf8))
        #expect(invalid.status == 422)
        #expect(invalid.text.contains("\"field\""))
    }

    /// A school's own pre-printed sheet, described by config/exams/foreign-school-a4-20q.json (px of a
    /// 200-dpi reference scan, three corner squares, a 3-digit number grid, 20 four-option questions), drawn
    /// here as a scanner would see it (slightly shifted and skewed), filled in and read through the layout.
    @Test func aForeignSheetIsReadThroughItsLayoutFile() throws {
        let file = Self.repository.appendingPathComponent("config/exams/foreign-school-a4-20q.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let layout = try SheetLayoutReader.read(text: text).get()
        let harness = try DaemonHarness()
        try harness.start()
        defer { harness.cleanUp() }
        let added = try Self.request(
            harness, "POST", "/v1/layouts", body: Data(#"{"id": "school-a4-20q", "layout": \#(text)}"#.utf8))
        #expect(added.status == 201, "\(added.text)")

        // The printed sheet: corner squares, rectangle outlines; 1.5° of skew and a few pixels of offset.
        let angle = 1.5 * Double.pi / 180
        var canvas = GrayCanvas(
            width: 1654, height: 2339, fill: 250,
            transform: PlaneTransform(
                a: cos(angle), b: -sin(angle), c: 14, d: sin(angle), e: cos(angle), f: -9))
        guard case .marks(let marks) = layout.alignment else { throw HarnessError(message: "no marks in the layout") }
        for mark in marks {
            canvas.fillRect(
                Rect(
                    x: mark.centre.x - mark.size / 2, y: mark.centre.y - mark.size / 2, width: mark.size,
                    height: mark.size),
                grey: 15)
        }
        var expected: [String: String] = [:]
        for field in layout.fields {
            for bubble in field.bubbles {
                let r = Rect(
                    x: bubble.centre.x - bubble.width / 2, y: bubble.centre.y - bubble.height / 2, width: bubble.width,
                    height: bubble.height)
                for edge in [
                    Rect(x: r.x, y: r.y, width: r.width, height: 1.5),
                    Rect(x: r.x, y: r.maxY - 1.5, width: r.width, height: 1.5),
                    Rect(x: r.x, y: r.y, width: 1.5, height: r.height),
                    Rect(x: r.maxX - 1.5, y: r.y, width: 1.5, height: r.height),
                ] {
                    canvas.fillRect(edge, grey: 120)
                }
            }
            // Question n marks option (n mod 4) + 1; the number grid reads 3, 1, 4.
            let chosen: String
            switch field.kind {
            case .choice(let question, _):
                chosen = String((Int(question) ?? 0) % 4 + 1)
                expected[question] = chosen
            case .digit(let position):
                chosen = ["3", "1", "4"][position]
            }
            if let bubble = field.bubbles.first(where: { $0.label == chosen }) {
                canvas.fillRect(
                    Rect(x: bubble.centre.x - 13, y: bubble.centre.y - 8, width: 26, height: 16), grey: 45)
            }
        }
        let read = try Self.request(
            harness, "POST", "/v1/layouts/school-a4-20q/read?name=school.png",
            body: try GrayImageEncoder.png(canvas.image),
            type: "image/png")
        #expect(read.status == 200, "\(read.text.prefix(300))")
        guard case .array(let pages)? = try Self.json(read)["pages"], case .object(let page)? = pages.first,
            case .array(let questions)? = page["questions"]
        else {
            Issue.record("no reading: \(read.text.prefix(300))")
            return
        }
        #expect(page["studentNumber"] == .string("314"))
        #expect(questions.count == 20)
        for question in questions {
            guard case .object(let q) = question, case .string(let id)? = q["id"] else { continue }
            #expect(q["chosen"] == .array([.string(expected[id] ?? "?")]), "question \(id)")
            #expect(q["flags"] == .array([]), "question \(id)")
        }
    }
}
