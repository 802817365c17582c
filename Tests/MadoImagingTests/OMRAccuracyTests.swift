// SPDX-License-Identifier: Apache-2.0
// The mark reader on synthetic scans: clean sheets exactly right, degraded sheets ≥ 99.99 % of bubbles right,
// and no question read wrongly without a flag.

import Foundation
import MadoCore
import MadoImaging
import MadoTestSupport
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

    static func layouts() throws -> [SheetLayout] {
        let exam = try ExamDefinitionReader.read(text: json).get()
        return try SheetLayoutPlanner.layout(for: exam)
    }

    /// libjpeg's own encode and decode, so JPEG artifacts are the real ones.
    static let libjpeg: ScanDegrader.JPEGRoundTrip = { image, quality in
        guard let data = try? GrayImageEncoder.jpeg(image, quality: quality),
            let decoded = try? ScannedImageDecoder.decode(data).first
        else { return image }
        return decoded
    }
}

@Suite struct OMRAccuracyTests {
    @Test func syntheticScansAreTheSameForTheSameSeed() throws {
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

    @Test func aFilledBubbleIsDarkAndAnUntouchedOneIsNot() throws {
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

    @Test func cleanSheetsAreReadExactly() throws {
        let layouts = try SyntheticExam.layouts()
        let report = SyntheticOMRAccuracyRun.run(
            layouts: layouts,
            configuration: SyntheticAccuracyConfiguration(
                sheetCount: 6, seed: 1, dpis: [150, 200, 300], kinds: [.clean]),
            render: { _, layout, dpi in SyntheticSheetPainter.paint(layout, dpi: dpi) }, jpeg: SyntheticExam.libjpeg)
        print(report.summary)
        #expect(report.cleanSheets == 6)
        #expect(report.cleanSheetFailures.isEmpty, "\(report.cleanSheetFailures)")
        #expect(report.silentErrors.isEmpty)
    }

    @Test func aDegradedSliceHasNoSilentErrors() throws {
        let layouts = try SyntheticExam.layouts()
        let started = ContinuousClock.now
        let report = SyntheticOMRAccuracyRun.run(
            layouts: layouts,
            configuration: SyntheticAccuracyConfiguration(sheetCount: 44, seed: 2026, dpis: [150, 200]),
            render: { _, layout, dpi in SyntheticSheetPainter.paint(layout, dpi: dpi) }, jpeg: SyntheticExam.libjpeg,
            threads: 2)
        print(report.summary)
        print("slice of \(report.sheets) sheets took \(ContinuousClock.now - started)")
        #expect(report.silentErrors.isEmpty, "\(report.silentErrors.prefix(5))")
        #expect(report.cleanSheetFailures.isEmpty, "\(report.cleanSheetFailures.prefix(5))")
        #expect(report.bubbleAccuracy >= 0.9999, "\(report.bubbleErrors) of \(report.bubbles) bubbles wrong")
    }
}
