// SPDX-License-Identifier: Apache-2.0
// Issue 7: how fast the mark reader reads an A4 sheet on one core, how much memory that takes, and (with
// --accuracy) how often it is wrong on 2,000 synthetic scans, and whether any error goes unflagged.
import Foundation
import MadoCore
import MadoImaging
import MadoRender
import MadoTestSupport

/// The example exam (config/exams/example.json) rendered by the real renderer, filled and degraded by the
/// synthetic scan generator (fixed seed), and read with `OMRReader` on this thread only. Rendering, filling
/// and degrading happen before the clock starts: a scanner hands madod finished images.
struct OMRBenchmark: Benchmark {
    let name = "omr"
    var accuracy = false
    var summary: String {
        "sheets/s on one core at 200 and 300 dpi (goal ≥ 200 sheets/s at 200 dpi), peak memory while reading; "
            + "with --accuracy, bubble accuracy on 2,000 synthetic scans (goal ≥ 99.99 %) and silent errors (goal 0)"
    }
    var scansPerResolution = 12
    var minimumSeconds = 2.0

    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError) {
        let (exam, layouts) = try Self.exampleExam()
        for dpi in [200.0, 300.0] {
            try measureSpeed(exam: exam, layouts: layouts, dpi: dpi, into: &result)
        }
        if accuracy { try measureAccuracy(exam: exam, layouts: layouts, into: &result) }
    }

    private func measureSpeed(
        exam: ExamDefinition, layouts: [SheetLayout], dpi: Double, into result: inout BenchmarkResult
    ) throws(BenchError) {
        let blank = try Self.raster(exam, layouts[0], dpi: dpi)
        let configuration = SyntheticAccuracyConfiguration(sheetCount: scansPerResolution, seed: 0x6F6D_72, dpis: [dpi])
        let scans = (0..<scansPerResolution).map { index in
            let sheet = SyntheticOMRAccuracyRun.sheetCase(index, configuration: configuration, layoutCount: 1)
            return SyntheticOMRAccuracyRun.makeSheet(sheet, layout: layouts[0], blank: blank).scan
        }
        let reader = OMRReader(layout: layouts[0])
        // Warm up (page faults in the code, the first allocations) before measuring.
        for scan in scans { _ = try? reader.read(scan) }
        let before = ProcessMemory.residentBytes()
        ProcessMemory.resetPeak()
        var reads = 0
        var failures = 0
        let started = MonotonicClock.seconds()
        var elapsed = 0.0
        while elapsed < minimumSeconds || reads < 100 {
            do {
                _ = try reader.read(scans[reads % scans.count])
            } catch {
                failures += 1
            }
            reads += 1
            elapsed = MonotonicClock.seconds() - started
        }
        let peak = ProcessMemory.peakBytes()
        let perSecond = Double(reads) / elapsed
        let megabyte = 1_048_576.0
        let label = "omr \(Int(dpi))dpi"
        result.add(
            label,
            Metric(
                key: "omr\(Int(dpi))SheetsPerSecond", label: "sheets/s", value: perSecond, unit: .count,
                note:
                    "one core, \(UnitlessCount(reads)) reads of \(scans.count) scans \(scans[0].width)×\(scans[0].height)",
                goal: dpi == 200 ? .above(200) : nil),
            Metric(
                key: "omr\(Int(dpi))MsPerSheet", label: "per sheet", value: elapsed * 1000 / Double(reads),
                unit: .milliseconds),
            Metric(
                key: "omr\(Int(dpi))PeakMB", label: "peak RSS while reading", value: peak / megabyte, unit: .megabytes,
                note:
                    "the scans held in memory: \(String(format: "%.1f", Double(scans.count * scans[0].pixels.count) / megabyte)) MB"
            ),
            Metric(
                key: "omr\(Int(dpi))PeakPerSheetMB", label: "peak above the resting process",
                value: max(0, peak - before) / megabyte,
                unit: .megabytes, note: "one sheet read at a time"),
            Metric(
                key: "omr\(Int(dpi))Refused", label: "sheets refused", value: Double(failures), unit: .count,
                goal: .equal(0)))
    }

    private func measureAccuracy(
        exam: ExamDefinition, layouts: [SheetLayout], into result: inout BenchmarkResult
    ) throws(BenchError) {
        let dpis: [Double] = [150, 200, 300]
        var blanks: [String: GrayImage] = [:]
        for (index, layout) in layouts.enumerated() {
            for dpi in dpis { blanks["\(index)@\(dpi)"] = try Self.raster(exam, layout, dpi: dpi) }
        }
        let rendered = blanks
        let configuration = SyntheticAccuracyConfiguration(sheetCount: 2000, dpis: [150, 200, 200, 300])
        let started = MonotonicClock.seconds()
        let report = SyntheticOMRAccuracyRun.run(
            layouts: layouts, configuration: configuration, render: { index, _, dpi in rendered["\(index)@\(dpi)"]! },
            jpeg: Self.libjpeg, threads: ProcessInfo.processInfo.activeProcessorCount)
        let elapsed = MonotonicClock.seconds() - started
        print(report.summary)
        result.add(
            "omr accuracy",
            Metric(
                key: "omrBubbleAccuracyPercent", label: "bubble accuracy", value: report.bubbleAccuracy * 100,
                unit: .percent,
                note:
                    "\(UnitlessCount(report.sheets)) sheets, \(UnitlessCount(report.bubbles)) bubbles, seed 0x\(String(configuration.seed, radix: 16)), \(Int(elapsed)) s",
                goal: .above(99.99)),
            Metric(
                key: "omrBubbleErrors", label: "bubbles read wrong", value: Double(report.bubbleErrors), unit: .count),
            Metric(
                key: "omrSilentErrors", label: "silent errors", value: Double(report.silentErrors.count), unit: .count,
                goal: .equal(0)),
            Metric(
                key: "omrCleanFailures", label: "clean sheets read wrong",
                value: Double(report.cleanSheetFailures.count),
                unit: .count, note: "of \(report.cleanSheets)", goal: .equal(0)),
            Metric(
                key: "omrFlaggedErrors", label: "errors flagged for review", value: Double(report.flaggedErrors),
                unit: .count),
            Metric(
                key: "omrRejectedSheets", label: "sheets refused", value: Double(report.rejected.count), unit: .count))
    }

    static func exampleExam() throws(BenchError) -> (ExamDefinition, [SheetLayout]) {
        let root = try ProjectFiles.root()
        do {
            let text = try String(contentsOf: root.appendingPathComponent("config/exams/example.json"), encoding: .utf8)
            let exam = try ExamDefinitionReader.read(text: text).get()
            return (exam, try SheetLayoutPlanner.layout(for: exam))
        } catch {
            throw BenchError("cannot lay out config/exams/example.json: \(error)")
        }
    }

    static func raster(_ exam: ExamDefinition, _ layout: SheetLayout, dpi: Double) throws(BenchError) -> GrayImage {
        do {
            return try SheetRenderer.raster(exam: exam, layout: layout, dpi: dpi)
        } catch {
            throw BenchError("cannot render page \(layout.page) at \(Int(dpi)) dpi: \(error)")
        }
    }

    /// libjpeg's own encode and decode, so the JPEG artefacts are the real ones.
    static let libjpeg: ScanDegrader.JPEGRoundTrip = { image, quality in
        guard let data = try? GrayImageEncoder.jpeg(image, quality: quality),
            let decoded = try? ScannedImageDecoder.decode(data).first
        else { return image }
        return decoded
    }
}

/// This process's resident memory from /proc/self, and its high-water mark (which can be reset).
enum ProcessMemory {
    static func residentBytes() -> Double { field("VmRSS") }
    static func peakBytes() -> Double { field("VmHWM") }

    /// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0), so a peak belongs to one phase.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
    }

    private static func field(_ name: String) -> Double {
        ProcStatus.text(of: "self").flatMap { ProcStatus.bytes(name, in: $0) } ?? 0
    }
}
