// SPDX-License-Identifier: Apache-2.0
// Answer sheets as printed and as scanned: the PDF's text and fonts (poppler), the raster's marks where
// the layout says, and the QR code read back by zbarimg.
import Foundation
import MadoCore
import MadoRender
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct SheetRendererTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func exampleExam() throws -> ExamDefinition {
        let text = try String(
            contentsOf: repository.appendingPathComponent("config/exams/example.json"), encoding: .utf8)
        return try ExamDefinitionReader.read(text: text).get()
    }

    /// Writes `data` to a fresh temporary file, runs `tool` on it and returns its standard output.
    func run(_ tool: String, _ arguments: [String] = [], on data: Data, suffix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID().uuidString)\(suffix)")
            .path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, output) = try ChildProcess.run(
            "/usr/bin/\(tool)", arguments + [path] + (tool == "pdftotext" ? ["-"] : []))
        #expect(status == 0, "\(tool) failed on the rendered sheet")
        return output
    }

    func pageCount(_ pdf: Data) throws -> Int? {
        let info = try run("pdfinfo", on: pdf, suffix: ".pdf")
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        return line.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }

    @Test func thePDFShowsTheTitleInstructionsAndQuestions() async throws {
        let exam = try Self.exampleExam()
        let pdf = try SheetRenderer.pdf(exam: exam, layouts: try SheetLayoutPlanner.layout(for: exam))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(try pageCount(pdf) == 2)
        let text = try run("pdftotext", on: pdf, suffix: ".pdf")
        for expected in [
            "2学期中間テスト", "理科", "2年1組", "解答用紙", "氏名", "生徒番号", "HBの鉛筆で ● のようにぬりつぶしてください",
            "消すときは消しゴムできれいに", "良い例", "悪い例", "1(1)", "4(6)", "複数可", "問 2(7)", "問 4(7)", "1 / 2 枚目",
            "2 / 2 枚目",
        ] {
            #expect(text.contains(expected), "pdftotext does not show \(expected)")
        }
    }

    @Test func theFontsAreIPAexAndEmbedded() async throws {
        let exam = try Self.exampleExam()
        let pdf = try SheetRenderer.pdf(exam: exam, layouts: try SheetLayoutPlanner.layout(for: exam))
        let fonts = try run("pdffonts", on: pdf, suffix: ".pdf").split(separator: "\n").dropFirst(2)
        #expect(fonts.contains { $0.contains("IPAexGothic") })
        // Columns: name, type (one or more words), encoding, emb, sub, uni, object, generation.
        for font in fonts {
            let columns = font.split(separator: " ")
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "not embedded: \(font)")
        }
    }

    @Test func copiesAndPrePrintedStudentsMultiplyThePages() async throws {
        let exam = try Self.exampleExam()
        let layouts = try SheetLayoutPlanner.layout(for: exam)
        #expect(try pageCount(try SheetRenderer.pdf(exam: exam, layouts: layouts, copies: 3)) == 6)
        let perStudent = try SheetRenderer.pdf(
            exam: exam, layouts: layouts, studentNumbers: ["0101", "0102", "0215"])
        #expect(try pageCount(perStudent) == 6)
    }

    @Test func wrongRequestsAreRefusedWithoutStudentData() async throws {
        let exam = try Self.exampleExam()
        let layouts = try SheetLayoutPlanner.layout(for: exam)
        #expect(throws: RenderError.self) { try SheetRenderer.pdf(exam: exam, layouts: layouts, copies: 0) }
        #expect(throws: RenderError.self) {
            try SheetRenderer.pdf(exam: exam, layouts: layouts, studentNumbers: [])
        }
        do throws(RenderError) {
            _ = try SheetRenderer.pdf(exam: exam, layouts: layouts, studentNumbers: ["0101", "98765"])
            Issue.record("a 5-digit student number for a 4-digit exam was accepted")
        } catch {
            #expect(error.message.contains("student number 2 in the list is not 4 digits"))
            #expect(!error.message.contains("98765"))
        }
        // A layout from before the exam changed is not printed: the sheets would not match what is read.
        var changed = exam
        changed.questions.insert(
            ExamQuestion(
                id: "1(8)", kind: .choice(ChoiceQuestion(options: ["ア", "イ"], correct: ["ア"])), points: 1,
                perspective: "知識・技能"), at: 7)
        #expect(throws: RenderError.self) { try SheetRenderer.pdf(exam: changed, layouts: layouts) }
        #expect(throws: RenderError.self) { try SheetRenderer.raster(exam: changed, layout: layouts[0]) }
        #expect(throws: RenderError.self) { try SheetRenderer.raster(exam: exam, layout: layouts[0], dpi: 20) }
    }

    @Test func theRasterHasTheMarksWhereTheLayoutSays() async throws {
        let exam = try Self.exampleExam()
        let layout = try SheetLayoutPlanner.layout(for: exam)[0]
        let dpi = 200.0
        let image = try SheetRenderer.raster(exam: exam, layout: layout, dpi: dpi)
        #expect(image.width == 1654 && image.height == 2339)
        func pixel(_ x: Double, _ y: Double) -> UInt8 {
            image[Int((x * dpi / 25.4).rounded(.down)), Int((y * dpi / 25.4).rounded(.down))]
        }
        /// The mean grey of a square `side` mm wide around (x, y).
        func mean(_ x: Double, _ y: Double, side: Double) -> Double {
            let steps = 8
            var sum = 0
            for i in 0..<steps {
                for j in 0..<steps {
                    sum += Int(
                        pixel(
                            x - side / 2 + side * Double(i) / Double(steps - 1),
                            y - side / 2 + side * Double(j) / Double(steps - 1)))
                }
            }
            return Double(sum) / Double(steps * steps)
        }
        for mark in layout.alignmentMarks {
            #expect(
                mean(mark.centre.x, mark.centre.y, side: mark.size - 1) < 10, "mark at \(mark.centre) is not solid")
            // The clear zone around it is paper white.
            for (dx, dy) in [(5.5, 0.0), (-5.5, 0.0), (0.0, 5.5), (0.0, -5.5)] {
                let x = mark.centre.x + dx
                let y = mark.centre.y + dy
                if x > 0 && y > 0 && x < 210 && y < 297 { #expect(pixel(x, y) > 245) }
            }
        }
        let orientation = try #require(layout.orientationMark)
        #expect(mean(orientation.centre.x, orientation.centre.y, side: 3) < 10)
        // Nothing in the other three corners' matching places: the marks are not symmetric.
        for (x, y) in [(186.0, 12.0), (24.0, 285.0), (186.0, 285.0), (12.0, 24.0), (198.0, 24.0)] {
            #expect(mean(x, y, side: 4) > 240, "ink at (\(x), \(y)) would make the marks symmetric")
        }
        // Every bubble: an outline darker than paper, an inside light enough to tell from a pencil fill.
        for field in layout.fields {
            for bubble in field.bubbles {
                #expect(
                    mean(bubble.centre.x, bubble.centre.y, side: 2.4) > 170,
                    "bubble \(field.id) \(bubble.label) is too dark inside")
                let edge = pixel(bubble.centre.x + bubble.width / 2 - 0.05, bubble.centre.y)
                #expect(edge < 200, "bubble \(field.id) \(bubble.label) has no outline")
                #expect(
                    mean(bubble.centre.x, bubble.centre.y - bubble.height / 2 - 0.8, side: 0.6) > 235,
                    "ink just above bubble \(field.id) \(bubble.label)")
            }
        }
        for box in layout.writtenBoxes {
            #expect(pixel(box.rect.x, box.rect.centre.y) < 128 && pixel(box.rect.centre.x, box.rect.maxY) < 128)
            #expect(mean(box.rect.centre.x, box.rect.centre.y, side: 10) > 250)
        }
    }

    @Test func zbarReadsTheQRPayloadFromA200DPIScan() async throws {
        let exam = try Self.exampleExam()
        let layouts = try SheetLayoutPlanner.layout(for: exam)
        let png = try SheetRenderer.png(exam: exam, layout: layouts[1], dpi: 200, studentNumber: "0123")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let output = try run("zbarimg", ["-q", "--raw"], on: png, suffix: ".png")
        let payload = try #require(SheetQRPayload(parsing: output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(payload.examID == exam.id && payload.page == 2 && payload.layoutVersion == layouts[1].layoutVersion)
        #expect(payload.studentNumber == "0123")

        let blank = try SheetRenderer.png(exam: exam, layout: layouts[0], dpi: 150)
        let blankPayload = try run("zbarimg", ["-q", "--raw"], on: blank, suffix: ".png")
        #expect(
            SheetQRPayload(parsing: blankPayload.trimmingCharacters(in: .whitespacesAndNewlines))?.studentNumber
                == nil)
        #expect(blankPayload.hasPrefix("MADO1|2026-2-sci-midterm|1|"))
    }

    @Test func theRasterIsTheSameEveryTime() async throws {
        let exam = try Self.exampleExam()
        let layout = try SheetLayoutPlanner.layout(for: exam)[1]
        let first = try SheetRenderer.raster(exam: exam, layout: layout, dpi: 100)
        #expect(try SheetRenderer.raster(exam: exam, layout: layout, dpi: 100) == first)
        #expect(
            first.pixels.contains { $0 < 50 } && first.pixels.filter { $0 > 250 }.count > first.pixels.count / 2)
    }

    /// What is printed is what the reader reads: a rendered page with some bubbles filled in, upright and
    /// upside down.
    @Test func theMarkReaderReadsARenderedSheetBack() async throws {
        let exam = try Self.exampleExam()
        let layout = try SheetLayoutPlanner.layout(for: exam)[0]
        let dpi = 200.0
        var scan = try SheetRenderer.raster(exam: exam, layout: layout, dpi: dpi)
        let reader = OMRReader(layout: layout)
        let blank = try reader.read(scan)
        #expect(blank.rotation == 0 && blank.marksFound == 4 && blank.studentNumber == nil)
        #expect(blank.questions.count == 25 && blank.questions.allSatisfy { $0.flags == [.blank] })

        let scale = dpi / 25.4
        func fill(_ bubble: Bubble) {
            let rx = bubble.width / 2 - 0.2
            let ry = bubble.height / 2 - 0.2
            for y in Int((bubble.centre.y - ry) * scale)...Int((bubble.centre.y + ry) * scale) {
                for x in Int((bubble.centre.x - rx) * scale)...Int((bubble.centre.x + rx) * scale) {
                    let dx = (Double(x) / scale - bubble.centre.x) / rx
                    let dy = (Double(y) / scale - bubble.centre.y) / ry
                    if dx * dx + dy * dy <= 1 { scan[x, y] = 45 }
                }
            }
        }
        let number = Array("0215")
        var expected: [String: [String]] = [:]
        for (i, field) in layout.fields.enumerated() {
            switch field.kind {
            case .digit(let position):
                fill(field.bubbles.first { $0.label == String(number[position]) }!)
            case .choice(let question, _):
                let bubble = field.bubbles[i % field.bubbles.count]
                fill(bubble)
                expected[question] = [bubble.label]
            }
        }
        let filled = try reader.read(scan)
        #expect(filled.studentNumber == "0215" && !filled.needsReview)
        #expect(Dictionary(uniqueKeysWithValues: filled.questions.map { ($0.questionID, $0.chosen) }) == expected)
        let upsideDown = try reader.read(
            GrayImage(width: scan.width, height: scan.height, pixels: scan.pixels.reversed()))
        #expect(upsideDown.rotation == 180 && upsideDown.studentNumber == "0215")
        #expect(upsideDown.questions.map(\.chosen) == filled.questions.map(\.chosen))
    }
}
