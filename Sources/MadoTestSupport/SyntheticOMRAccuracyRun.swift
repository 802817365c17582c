// SPDX-License-Identifier: Apache-2.0
// The mark reader's accuracy on a seeded set of synthetic scans: render, fill like students, degrade like
// scanners, read, and score every bubble and question against the ground truth. Used by the test slice and
// by `mado-bench omr --accuracy` for the full set.

import Dispatch
import Foundation
public import MadoCore
import Synchronization

/// What to generate.
public struct SyntheticAccuracyConfiguration: Sendable, Equatable {
    public var sheetCount: Int
    public var seed: UInt64
    /// Scan resolutions, drawn per sheet.
    public var dpis: [Double]
    /// Degradation families, taken in turn (sheet i gets `kinds[i % kinds.count]`).
    public var kinds: [ScanDegradationKind]

    public init(
        sheetCount: Int, seed: UInt64 = 0x4D41_444F_4F4D_5231, dpis: [Double] = [150, 200, 200, 300],
        kinds: [ScanDegradationKind] = ScanDegradationKind.allCases
    ) {
        self.sheetCount = sheetCount
        self.seed = seed
        self.dpis = dpis
        self.kinds = kinds
    }
}

/// Everything needed to regenerate one sheet exactly.
public struct SyntheticSheetCase: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    /// The sheet's own seed (derived from the run's seed and the index).
    public var seed: UInt64
    public var kind: ScanDegradationKind
    public var dpi: Double
    /// Which of the run's layouts (pages) the sheet is.
    public var layoutIndex: Int
    /// Clean sheets get clear marks only; all others get the realistic mix.
    public var style: SyntheticFillStyle

    public var description: String {
        "sheet \(index) (seed 0x\(String(seed, radix: 16)), \(kind.rawValue), \(Int(dpi)) dpi, layout \(layoutIndex))"
    }
}

/// One question (or digit) the reader got wrong, or failed to flag, with what is needed to reproduce it.
public struct SyntheticReadingFailure: Sendable, Equatable, CustomStringConvertible {
    public var sheet: SyntheticSheetCase
    public var fieldID: String
    public var expected: [String]
    public var read: [String]
    public var flags: [String]
    /// What was drawn on the field's bubbles (label: mark).
    public var marks: [String]

    public var description: String {
        "\(sheet): field \(fieldID) expected \(expected) read \(read) flags \(flags) marks \(marks)"
    }
}

/// The scores of a run.
public struct SyntheticAccuracyReport: Sendable {
    public struct KindCounts: Sendable, Equatable {
        public var sheets = 0
        public var rejected = 0
        public var bubbles = 0
        public var bubbleErrors = 0
        public var questions = 0
        public var flagged = 0
        public var silentErrors = 0
    }

    public var sheets = 0
    /// Sheets the reader refused (an error for a person to see, never a silent misreading).
    public var rejected: [(sheet: SyntheticSheetCase, reason: String)] = []
    /// Bubbles whose truth is definite (marked or unmarked), on sheets that were read.
    public var bubbles = 0
    /// Of those, read the wrong way (a marked bubble not read as marked, or the reverse).
    public var bubbleErrors = 0
    /// Questions and digits read.
    public var questions = 0
    /// Read wrongly but flagged (ambiguous or multiple): a person sees them.
    public var flaggedErrors = 0
    /// Read wrongly and not flagged: the failures that must not happen.
    public var silentErrors: [SyntheticReadingFailure] = []
    /// Read right, but a bubble was ambiguous and the reader did not flag it.
    public var unflaggedAmbiguities: [SyntheticReadingFailure] = []
    /// Flagged although every bubble was definite and the reading right (review work, not an error).
    public var needlessFlags = 0
    /// Clean sheets (no degradation, clear marks) and how many were not read exactly.
    public var cleanSheets = 0
    public var cleanSheetFailures: [String] = []
    public var perKind: [ScanDegradationKind: KindCounts] = [:]
    /// Seconds spent per stage, summed over sheets.
    public var renderSeconds = 0.0
    public var fillSeconds = 0.0
    public var degradeSeconds = 0.0
    public var readSeconds = 0.0

    /// Correct bubbles as a fraction of the definite bubbles on the sheets that were read.
    public var bubbleAccuracy: Double { bubbles == 0 ? 1 : Double(bubbles - bubbleErrors) / Double(bubbles) }

    public var summary: String {
        var lines = [
            "sheets \(sheets), rejected \(rejected.count), bubbles \(bubbles), bubble errors \(bubbleErrors) "
                + "(accuracy \(String(format: "%.5f", bubbleAccuracy * 100)) %)",
            "questions \(questions), flagged errors \(flaggedErrors), silent errors \(silentErrors.count), "
                + "unflagged ambiguities \(unflaggedAmbiguities.count), needless flags \(needlessFlags)",
            "clean sheets \(cleanSheets), clean failures \(cleanSheetFailures.count)",
            String(
                format: "time per sheet: render %.1f ms, fill %.1f ms, degrade %.1f ms, read %.1f ms",
                renderSeconds * 1000 / Double(max(sheets, 1)), fillSeconds * 1000 / Double(max(sheets, 1)),
                degradeSeconds * 1000 / Double(max(sheets, 1)), readSeconds * 1000 / Double(max(sheets, 1))),
        ]
        for kind in ScanDegradationKind.allCases {
            guard let c = perKind[kind] else { continue }
            lines.append(
                "  \(kind.rawValue): sheets \(c.sheets), rejected \(c.rejected), bubble errors \(c.bubbleErrors)/"
                    + "\(c.bubbles), flagged \(c.flagged)/\(c.questions), silent \(c.silentErrors)")
        }
        lines += rejected.prefix(10).map { "  rejected \($0.sheet): \($0.reason)" }
        lines += silentErrors.prefix(20).map { "  SILENT \($0)" }
        lines += unflaggedAmbiguities.prefix(10).map { "  unflagged \($0)" }
        lines += cleanSheetFailures.prefix(10).map { "  clean \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// Generates and scores a seeded set of synthetic scans.
public enum SyntheticOMRAccuracyRun {
    /// Renders a blank sheet of a layout at a resolution (the real `SheetRenderer.raster`, or the painter).
    public typealias Render = @Sendable (_ layoutIndex: Int, _ layout: SheetLayout, _ dpi: Double) -> GrayImage

    /// The case of sheet `index`: everything else follows from it.
    public static func sheetCase(
        _ index: Int, configuration: SyntheticAccuracyConfiguration, layoutCount: Int
    ) -> SyntheticSheetCase {
        var random = SplitMix64(seed: configuration.seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        let seed = random.next()
        let kind = configuration.kinds[index % configuration.kinds.count]
        let dpi = configuration.dpis[Int(random.next() % UInt64(configuration.dpis.count))]
        let layoutIndex = Int(random.next() % UInt64(max(layoutCount, 1)))
        return SyntheticSheetCase(
            index: index, seed: seed, kind: kind, dpi: dpi, layoutIndex: layoutIndex,
            style: kind == .clean ? .clear : .realistic)
    }

    /// The filled, degraded scan of one case, with its ground truth and degradation.
    public static func makeSheet(
        _ sheet: SyntheticSheetCase, layout: SheetLayout, blank: GrayImage, jpeg: ScanDegrader.JPEGRoundTrip? = nil
    ) -> (scan: GrayImage, truth: SyntheticFilledSheet, degradation: ScanDegradation) {
        var random = SplitMix64(seed: sheet.seed)
        let filled = SyntheticSheetFiller.fill(blank, layout: layout, style: sheet.style, random: &random)
        let degradation = ScanDegradation.random(sheet.kind, layout: layout, random: &random)
        let millimetre = Double(blank.width) / (layout.units == .millimetres ? layout.width : 210)
        let scan = ScanDegrader.degrade(
            filled.image, with: degradation, pixelsPerMillimetre: millimetre, jpeg: jpeg)
        return (scan, filled, degradation)
    }

    /// Generates `configuration.sheetCount` sheets over `layouts`, reads each with `OMRReader`, and scores
    /// them. `threads` > 1 spreads the sheets over that many threads (results do not depend on it).
    public static func run(
        layouts: [SheetLayout], configuration: SyntheticAccuracyConfiguration, render: @escaping Render,
        jpeg: ScanDegrader.JPEGRoundTrip? = nil, options: OMROptions = OMROptions(), threads: Int = 1
    ) -> SyntheticAccuracyReport {
        let blanks = BlankCache(render: render)
        let shared = SharedProgress()
        let work = { @Sendable (index: Int) in
            let sheet = sheetCase(index, configuration: configuration, layoutCount: layouts.count)
            let layout = layouts[sheet.layoutIndex]
            var started = ContinuousClock.now
            let blank = blanks.blank(sheet.layoutIndex, layout, sheet.dpi)
            let renderTime = ContinuousClock.now - started
            started = ContinuousClock.now
            var random = SplitMix64(seed: sheet.seed)
            let filled = SyntheticSheetFiller.fill(blank, layout: layout, style: sheet.style, random: &random)
            let fillTime = ContinuousClock.now - started
            started = ContinuousClock.now
            let degradation = ScanDegradation.random(sheet.kind, layout: layout, random: &random)
            let millimetre = Double(blank.width) / (layout.units == .millimetres ? layout.width : 210)
            let scan = ScanDegrader.degrade(
                filled.image, with: degradation, pixelsPerMillimetre: millimetre, jpeg: jpeg)
            let degradeTime = ContinuousClock.now - started
            started = ContinuousClock.now
            let reading = Result { () throws(OMRError) in try OMRReader(layout: layout, options: options).read(scan) }
            let readTime = ContinuousClock.now - started
            shared.report.withLock { report in
                report.renderSeconds += renderTime.seconds
                report.fillSeconds += fillTime.seconds
                report.degradeSeconds += degradeTime.seconds
                report.readSeconds += readTime.seconds
                score(reading, truth: filled, sheet: sheet, degradation: degradation, into: &report)
            }
        }
        if threads <= 1 {
            for index in 0..<configuration.sheetCount { work(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let index = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < configuration.sheetCount else { return }
                    work(index)
                }
            }
        }
        return shared.report.withLock { $0 }
    }

    /// The report being built and the next sheet to take, shared by the worker threads.
    private final class SharedProgress: Sendable {
        let report = Mutex(SyntheticAccuracyReport())
        let next = Atomic<Int>(0)
    }

    /// Scores one sheet's reading against its truth.
    static func score(
        _ reading: Result<SheetReading, OMRError>, truth: SyntheticFilledSheet, sheet: SyntheticSheetCase,
        degradation: ScanDegradation, into report: inout SyntheticAccuracyReport
    ) {
        report.sheets += 1
        var counts = report.perKind[sheet.kind] ?? SyntheticAccuracyReport.KindCounts()
        counts.sheets += 1
        defer { report.perKind[sheet.kind] = counts }
        let isClean = degradation.isClean && sheet.style == .clear
        if isClean { report.cleanSheets += 1 }
        let result: SheetReading
        switch reading {
        case .failure(let error):
            report.rejected.append((sheet, error.description))
            counts.rejected += 1
            if isClean { report.cleanSheetFailures.append("\(sheet): rejected: \(error.description)") }
            return
        case .success(let value):
            result = value
        }
        var decisions: [String: BubbleDecision] = [:]
        for bubble in result.bubbles { decisions[bubble.fieldID + "\u{1F}" + bubble.label] = bubble.decision }
        // Fields as read: choice questions and digit columns alike.
        var fields: [String: (chosen: [String], flags: Set<ReadingFlag>)] = [:]
        for question in result.questions { fields[question.fieldID] = (question.chosen, question.flags) }
        for digit in result.digits { fields[digit.fieldID] = (digit.chosen, digit.flags) }
        var fieldOrder: [String] = []
        for bubble in truth.bubbles where fieldOrder.last != bubble.fieldID { fieldOrder.append(bubble.fieldID) }

        var cleanProblems: [String] = []
        for fieldID in fieldOrder {
            let expected = truth.markedLabels(field: fieldID)
            let mustFlag = truth.mustFlag(field: fieldID)
            let read = fields[fieldID] ?? ([], [])
            let flagged = read.flags.contains(.ambiguous) || read.flags.contains(.multiple)
            let wrong = read.chosen != expected
            report.questions += 1
            counts.questions += 1
            if flagged { counts.flagged += 1 }
            let marks = truth.bubbles.filter { $0.fieldID == fieldID && $0.mark != nil }.map {
                "\($0.label):\($0.mark!.rawValue)"
            }
            let failure = SyntheticReadingFailure(
                sheet: sheet, fieldID: fieldID, expected: expected, read: read.chosen,
                flags: read.flags.map(\.rawValue).sorted(), marks: marks)
            if wrong && flagged {
                report.flaggedErrors += 1
            } else if wrong {
                report.silentErrors.append(failure)
                counts.silentErrors += 1
            } else if mustFlag && !flagged {
                report.unflaggedAmbiguities.append(failure)
            } else if !mustFlag && read.flags.contains(.ambiguous) {
                report.needlessFlags += 1
            }
            if isClean && (wrong || read.flags.contains(.ambiguous)) { cleanProblems.append(failure.description) }
        }
        for bubble in truth.bubbles where bubble.state != .ambiguous {
            report.bubbles += 1
            counts.bubbles += 1
            let decision = decisions[bubble.fieldID + "\u{1F}" + bubble.label]
            if (decision == .marked) != (bubble.state == .marked) {
                report.bubbleErrors += 1
                counts.bubbleErrors += 1
            }
        }
        if !cleanProblems.isEmpty { report.cleanSheetFailures += cleanProblems }
    }

    /// Blank sheets are rendered once per layout and resolution and shared between threads.
    private final class BlankCache: Sendable {
        let render: Render
        let cache = Mutex<[String: GrayImage]>([:])

        init(render: @escaping Render) { self.render = render }

        func blank(_ index: Int, _ layout: SheetLayout, _ dpi: Double) -> GrayImage {
            let key = "\(index)@\(dpi)"
            if let hit = cache.withLock({ $0[key] }) { return hit }
            let image = render(index, layout, dpi)
            cache.withLock { $0[key] = image }
            return image
        }
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
