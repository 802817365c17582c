// SPDX-License-Identifier: Apache-2.0
// The mark reader on synthetic scans: clean sheets exactly right, degraded sheets ≥ 99.99 % of bubbles right,
// and no question read wrongly without a flag.

import Foundation
import MadoCore
import MadoImaging
import MadoRender
import MadoTestSupport
import MadoTestThreads
import Testing

/// The exam the synthetic scans are made of: every option count and label style, single and multiple
/// answers, a written box, and enough questions for a second page.
enum SyntheticExam {
    static let json = """
        { "id": "synthetic-omr", "title": "合成スキャン試験", "subject": "理科", "class": "2年1組",
          "studentNumberDigits": 4, "perspectives": ["知識・技能", "思考・判断・表現"],
          "questions": [
            \((1...24).map { question($0) }.joined(separator: ",\n    ")),
            { "id": "記述", "kind": "written", "box": { "width": 170, "height": 30 }, "points": 6,
              "perspective": "思考・判断・表現" },
            \((25...60).map { question($0) }.joined(separator: ",\n    "))
          ] }
        """

    /// Question n: options cycle through the shorthands and counts from 2 to 10; every fifth allows several.
    static func question(_ n: Int) -> String {
        let options = ["ア-エ", "1-4", "A-E", "ア-イ", "1-5", "A-J", "ア-オ", "1-3", "A-F", "ア-コ"][n % 10]
        let multiple = n % 5 == 0
        let first = ["ア-": "ア", "1-": "1", "A-": "A"][String(options.prefix(2))] ?? "ア"
        return """
            { "id": "\(n)", "kind": "choice", "options": "\(options)", "correct": ["\(first)"], "points": 2,
              "multiple": \(multiple), "perspective": "知識・技能" }
            """
    }

    static func exam() throws -> ExamDefinition { try ExamDefinitionReader.read(text: json).get() }

    static func layouts() throws -> [SheetLayout] { try SheetLayoutPlanner.layout(for: try exam()) }

    /// Blank sheets from the real renderer (cairo: labels, text, QR code), rendered before the run.
    static func renderedBlanks(dpis: [Double]) throws -> SyntheticOMRAccuracyRun.Render {
        let exam = try exam()
        var blanks: [String: GrayImage] = [:]
        for (index, layout) in try layouts().enumerated() {
            for dpi in Set(dpis) {
                blanks["\(index)@\(dpi)"] = try SheetRenderer.raster(exam: exam, layout: layout, dpi: dpi)
            }
        }
        let rendered = blanks
        return { index, _, dpi in rendered["\(index)@\(dpi)"]! }
    }

    /// libjpeg's own encode and decode, so JPEG artifacts are the real ones.
    static let libjpeg: ScanDegrader.JPEGRoundTrip = { image, quality in
        guard let data = try? GrayImageEncoder.jpeg(image, quality: quality),
            let decoded = try? ScannedImageDecoder.decode(data).first
        else { return image }
        return decoded
    }
}

@Suite(.ownThread) struct OMRAccuracyTests {
    @Test func syntheticScansAreTheSameForTheSameSeed() async throws {
        let layouts = try SyntheticExam.layouts()
        let configuration = SyntheticAccuracyConfiguration(sheetCount: 12, seed: 99)
        let sheet = SyntheticOMRAccuracyRun.sheetCase(11, configuration: configuration, layoutCount: layouts.count)
        let layout = layouts[sheet.layoutIndex]
        let blank = SyntheticSheetPainter.paint(layout, dpi: sheet.dpi)
        let first = SyntheticOMRAccuracyRun.makeSheet(sheet, layout: layout, blank: blank)
        let second = SyntheticOMRAccuracyRun.makeSheet(sheet, layout: layout, blank: blank)
        #expect(first.scan == second.scan)
        #expect(first.truth == second.truth)
        #expect(first.truth.bubbles.count == layout.fields.reduce(0) { $0 + $1.bubbles.count })
        // Another seed gives other marks.
        var other = sheet
        other.seed &+= 1
        #expect(SyntheticOMRAccuracyRun.makeSheet(other, layout: layout, blank: blank).truth != first.truth)
    }

    @Test func aFilledBubbleIsDarkAndAnUntouchedOneIsNot() async throws {
        let layout = try SyntheticExam.layouts()[0]
        let blank = SyntheticSheetPainter.paint(layout, dpi: 200)
        var random = SplitMix64(seed: 5)
        let filled = SyntheticSheetFiller.fill(blank, layout: layout, style: .clear, random: &random)
        let perMillimetre = 200 / 25.4
        func meanInside(_ bubble: Bubble) -> Double {
            let cx = Int(bubble.centre.x * perMillimetre), cy = Int(bubble.centre.y * perMillimetre)
            var sum = 0
            for y in (cy - 5)...(cy + 5) { for x in (cx - 8)...(cx + 8) { sum += Int(filled.image[x, y]) } }
            return Double(sum) / Double(11 * 17)
        }
        var checked = 0
        for field in layout.fields {
            for (bubble, truth) in zip(field.bubbles, filled.bubbles.filter { $0.fieldID == field.id }) {
                if truth.state == .marked { #expect(meanInside(bubble) < 120, "\(field.id) \(bubble.label)") }
                if truth.mark == nil { #expect(meanInside(bubble) > 200, "\(field.id) \(bubble.label)") }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func cleanSheetsAreReadExactly() async throws {
        let layouts = try SyntheticExam.layouts()
        let report = SyntheticOMRAccuracyRun.run(
            layouts: layouts,
            configuration: SyntheticAccuracyConfiguration(
                sheetCount: 6, seed: 1, dpis: [150, 200, 300], kinds: [.clean]),
            render: try SyntheticExam.renderedBlanks(dpis: [150, 200, 300]), jpeg: SyntheticExam.libjpeg)
        print(report.summary)
        #expect(report.cleanSheets == 6)
        #expect(report.cleanSheetFailures.isEmpty, "\(report.cleanSheetFailures)")
        #expect(report.silentErrors.isEmpty)
    }

    @Test func aDegradedSliceHasNoSilentErrors() async throws {
        let layouts = try SyntheticExam.layouts()
        let started = ContinuousClock.now
        let report = SyntheticOMRAccuracyRun.run(
            layouts: layouts,
            configuration: SyntheticAccuracyConfiguration(sheetCount: 44, seed: 2026, dpis: [150, 200]),
            render: try SyntheticExam.renderedBlanks(dpis: [150, 200]), jpeg: SyntheticExam.libjpeg, threads: 2)
        print(report.summary)
        print("slice of \(report.sheets) sheets took \(ContinuousClock.now - started)")
        #expect(report.sheets == 44)
        expectNoSilentErrors(report)
        #expect(
            report.cleanSheets == 4 && report.cleanSheetFailures.isEmpty, "\(report.cleanSheetFailures.prefix(5))")
        #expect(report.bubbleAccuracy >= 0.9999, "\(report.bubbleErrors) of \(report.bubbles) bubbles wrong")
        // Refusing a page is safe but costs a rescan; only a folded-over alignment mark, or one cut off by a
        // 4–5° skew in a page-sized scan window, may cause it.
        #expect(
            report.rejected.allSatisfy { $0.sheet.kind == .foldedCorner || $0.sheet.kind == .skewed },
            "\(report.rejected.map(\.reason))")
    }

    /// Every question read wrongly must be flagged (a half-filled bubble just above the clear level
    /// included: the reader's review band flags it).
    func expectNoSilentErrors(_ report: SyntheticAccuracyReport) {
        #expect(report.silentErrors.isEmpty, "\(report.silentErrors.prefix(5))")
    }

    @Test func plainlyPaintedSheetsReadTheSame() async throws {
        // The same scans from the layout alone (no labels or text): what a foreign sheet looks like.
        let report = SyntheticOMRAccuracyRun.run(
            layouts: try SyntheticExam.layouts(),
            configuration: SyntheticAccuracyConfiguration(sheetCount: 11, seed: 7, dpis: [200]),
            render: { _, layout, dpi in SyntheticSheetPainter.paint(layout, dpi: dpi) },
            jpeg: SyntheticExam.libjpeg,
            threads: 2)
        print(report.summary)
        expectNoSilentErrors(report)
        #expect(report.cleanSheetFailures.isEmpty)
        #expect(report.bubbleAccuracy >= 0.9999)
    }

    @Test func aSheetPrintedToPDFIsReadBackThroughPoppler() async throws {
        let exam = try SyntheticExam.exam()
        let layouts = try SyntheticExam.layouts()
        let pdf = try SheetRenderer.pdf(exam: exam, layouts: layouts, copies: 1, studentNumbers: ["0427"])
        let pages = try ScannedImageDecoder.decode(
            pdf, fileName: "sheets.pdf", options: ImageDecodeOptions(pdfDPI: 200))
        #expect(pages.count == layouts.count)
        for (page, layout) in zip(pages, layouts) {
            let reading = try OMRReader(layout: layout).read(page)
            #expect(reading.rotation == 0)
            #expect(reading.questions.allSatisfy { $0.chosen.isEmpty && $0.flags == [.blank] })
            let qr = try #require(QRCodeScanner.scan(page).first)
            let payload = try #require(SheetQRPayload(parsing: qr.text))
            #expect(payload.examID == exam.id && payload.page == layout.page && payload.studentNumber == "0427")
        }
    }

    @Test func theQRCodeIsReadFromItsBoxOnAnUpsideDownSkewedScan() async throws {
        let exam = try SyntheticExam.exam()
        let layout = try SyntheticExam.layouts()[0]
        let sheet = try SheetRenderer.raster(exam: exam, layout: layout, dpi: 200, studentNumber: "1234")
        var degradation = ScanDegradation(kind: .combined)
        degradation.quarterTurns = 2
        degradation.skewDegrees = 2.5
        degradation.noiseSigma = 4
        let scan = ScanDegrader.degrade(sheet, with: degradation, pixelsPerMillimetre: 200 / 25.4)
        let reading = try OMRReader(layout: layout).read(scan)
        #expect(reading.rotation == 180)
        // Where the layout's QR box lands in the scan, with 5 mm of slack around it.
        let box = try #require(layout.qrCode)
        let corners = [
            Point(x: box.x - 5, y: box.y - 5), Point(x: box.maxX + 5, y: box.y - 5),
            Point(x: box.maxX + 5, y: box.maxY + 5), Point(x: box.x - 5, y: box.maxY + 5),
        ].map { reading.transform.apply($0) }
        let region = Rect(
            x: corners.map(\.x).min()!, y: corners.map(\.y).min()!,
            width: corners.map(\.x).max()! - corners.map(\.x).min()!,
            height: corners.map(\.y).max()! - corners.map(\.y).min()!)
        let started = ContinuousClock.now
        let inBox = QRCodeScanner.scan(scan, region: region)
        let boxTime = ContinuousClock.now - started
        let payload = try #require(inBox.first.flatMap { SheetQRPayload(parsing: $0.text) })
        #expect(payload.examID == exam.id && payload.studentNumber == "1234")
        let wholeStarted = ContinuousClock.now
        #expect(QRCodeScanner.scan(scan).map(\.text) == inBox.map(\.text))
        print("QR in its box: \(boxTime), whole page: \(ContinuousClock.now - wholeStarted)")
    }

    @Test func imagesThatAreNoSheetAreRefusedByTheReader() async throws {
        let layout = try SyntheticExam.layouts()[0]
        let reader = OMRReader(layout: layout)
        // A 1 × 1 pixel image.
        #expect(throws: OMRError.self) { try reader.read(GrayImage(width: 1, height: 1)) }
        // A photo of something else: smooth blotches and noise, through JPEG as a phone would send it.
        var random = SplitMix64(seed: 31)
        var photo = GrayImage(width: 1200, height: 1600)
        for y in 0..<photo.height {
            for x in 0..<photo.width {
                let base = 128 + 60 * sin(Double(x) / 97) * cos(Double(y) / 53)
                photo[x, y] = UInt8(max(0, min(255, base + 40 * (random.unit() - 0.5))))
            }
        }
        let decoded = try ScannedImageDecoder.decode(try GrayImageEncoder.jpeg(photo, quality: 80))
        #expect(throws: OMRError.self) { try reader.read(decoded[0]) }
        // A blank page.
        #expect(throws: OMRError.self) { try reader.read(GrayImage(width: 1654, height: 2339)) }
    }
}
