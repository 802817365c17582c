// SPDX-License-Identifier: Apache-2.0
// Golden pictures of rendered forms: each page rasterized by poppler at 50 dpi in grey and compared
// with a checked-in PNG, so a change in layout, fonts or line work is seen before it reaches a counter.
import Foundation
import MadoCore
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct FormGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens/forms")
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Up to this fraction of dots may differ: anti-aliased glyph edges move by a dot between poppler
    /// and freetype versions, while a moved field or a missing line changes far more.
    static let tolerance = 0.003

    /// Compares page `page` of `pdf` with `Goldens/forms/<name>.png`; nil when it matches (or when
    /// `MADO_UPDATE_GOLDENS=1` wrote the golden), else what differs and where the actual picture is.
    static func mismatch(_ pdf: Data, page: Int, name: String) throws -> String? {
        let png = try PopplerReader.png(pdf, page: page)
        let goldenPath = goldenDirectory.appendingPathComponent("\(name).png").path
        if ProcessInfo.processInfo.environment[TicketGolden.updateVariable] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try png.write(to: URL(fileURLWithPath: goldenPath))
            return nil
        }
        let actualPath = FileManager.default.temporaryDirectory.appendingPathComponent("actual-form-\(name).png").path
        guard let golden = FileManager.default.contents(atPath: goldenPath) else {
            try png.write(to: URL(fileURLWithPath: actualPath))
            return
                "no golden \(name).png; run with \(TicketGolden.updateVariable)=1 to create it (actual: \(actualPath))"
        }
        let actualPage = try ESCPOSPage(pngData: png)
        let goldenPage = try ESCPOSPage(pngData: golden)
        guard let differing = actualPage.differingDotCount(from: goldenPage) else {
            try png.write(to: URL(fileURLWithPath: actualPath))
            return
                "\(name): the page is \(actualPage.width) dots wide, the golden \(goldenPage.width) (actual: \(actualPath))"
        }
        let fraction = Double(differing) / Double(actualPage.width * actualPage.height)
        guard fraction > tolerance else { return nil }
        try png.write(to: URL(fileURLWithPath: actualPath))
        return "\(name): \(differing) dots differ (\(String(format: "%.2f", fraction * 100)) %), first in row "
            + "\(actualPage.firstDifferingRow(from: goldenPage) ?? 0) (actual: \(actualPath))"
    }

    @Test func testFormPagesMatchTheirGoldens() async throws {
        let six = try FormBundleRenderer.render(
            forms: [try FormFixtures.filled(FormFixtures.answers(members: FormFixtures.family))], title: "test")
        for (page, name) in [(1, "test-move-1"), (2, "test-move-2"), (3, "test-move-3")] {
            let problem = try Self.mismatch(six.pdf, page: page, name: name)
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    @Test func coverSheetMatchesItsGolden() async throws {
        let rendered = try FormBundleRenderer.render(FormFixtures.bundle(try FormFixtures.filled()))
        let problem = try Self.mismatch(rendered.pdf, page: 1, name: "cover")
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// An example interview from config/examples, planned with config/life-events.json, filled into
    /// config/forms and rendered; nil (with an issue recorded) when the file is not {event, answers}.
    static func renderExample(_ name: String) throws -> (bundle: FormBundle, rendered: RenderedFormBundle)? {
        let root = Self.repositoryRoot
        let example = try JSONParser.parse(
            try Data(contentsOf: root.appendingPathComponent("config/examples/interview-\(name).json")))
        guard case .object(let request) = example, case .string(let event)? = request["event"],
            let answers = request["answers"]
        else {
            Issue.record("interview-\(name).json is not {event, answers}")
            return nil
        }
        let events = try LifeEventCatalog(contentsOf: root.appendingPathComponent("config/life-events.json"))
        let plan = LifeEventPlanner.plan(eventID: event, answers: answers, catalog: events)
        // Rendering does not depend on the plan being free of answer errors (those are the screen's to show).
        let forms = try FormTemplateCatalog.load(directory: root.appendingPathComponent("config/forms"))
        let bundle = try FormBundle.filling(
            plan, catalog: forms, cityName: "架空市", mayor: "架空市長", today: CivilDate(year: 2026, month: 12, day: 3)!)
        return (bundle, try FormBundleRenderer.render(bundle))
    }

    /// The real move-in example: planned with config/life-events.json, filled into config/forms, rendered.
    @Test func theMoveInExampleRendersWithTheRealForms() async throws {
        guard let (bundle, rendered) = try Self.renderExample("move-in") else { return }
        #expect(rendered.pageCount == rendered.coverPageCount + bundle.formPageCount)
        #expect(try PopplerReader.pageCount(rendered.pdf) == rendered.pageCount)

        // The 住民異動届 is the first form after the cover sheet.
        let residentMove = try #require(bundle.procedures.flatMap(\.forms).first)
        #expect(residentMove.formID == "resident-move")
        let page = rendered.coverPageCount + 1
        // pdftotext spaces small kana apart; compare without any spaces.
        let text = try PopplerReader.text(rendered.pdf, page: page).filter { !$0.isWhitespace }
        for expected in ["住民異動届", "見本太郎", "ミホンハナコ", "見本ハイツ201号室", "架空市長", "526018159084"] {
            #expect(text.contains(expected), "resident-move lacks \(expected)")
        }
        for (p, name) in [(1, "move-in-cover"), (page, "move-in-resident-move")] {
            let problem = try Self.mismatch(rendered.pdf, page: p, name: name)
            #expect(problem == nil, "\(problem ?? "")")
        }
        try rendered.pdf.write(
            to: FileManager.default.temporaryDirectory.appendingPathComponent("mado-move-in-example.pdf"))
    }

    /// Every example interview in config/examples fills and renders with the real forms: no field of a
    /// real template overflows or lacks a glyph for a realistic household.
    @Test(arguments: ["move-in", "move-out", "move-within", "household-change", "death", "birth"])
    func everyExampleInterviewRenders(event: String) async throws {
        let url = Self.repositoryRoot.appendingPathComponent("config/examples/interview-\(event).json")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        guard let (bundle, rendered) = try Self.renderExample(event) else { return }
        #expect(rendered.pageCount == rendered.coverPageCount + bundle.formPageCount)
        #expect(!bundle.procedures.isEmpty)
        try rendered.pdf.write(
            to: FileManager.default.temporaryDirectory.appendingPathComponent("mado-example-\(event).pdf"))
    }
}
