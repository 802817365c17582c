// SPDX-License-Identifier: Apache-2.0
// Issue 4: how long a kiosk waits for a ticket's printer bytes, and how many bytes each render path sends.
import MadoCore
import MadoRender

/// Content → layout → rasterised lines → ESC/POS bytes, in-process, for tickets that differ in number,
/// people ahead and time (so no two are alike), on both render paths. The header has a rare kanji (髙﨑),
/// so the native-Kanji path draws one raster line too, as at a site whose name the printer's ROM lacks.
/// The first tickets warm pango's and cairo's caches and are not counted: a running madod has them warm.
struct TicketBenchmark: Benchmark {
    let name = "ticket"
    let summary =
        "render + encode per ticket on the native-Kanji and full-raster paths (goal p99 < 5 ms each), bytes per ticket; 500 tickets, 80 mm"
    var tickets = 500
    var warmUp = 20

    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError) {
        for path in TicketRenderPath.allCases {
            let renderer = TicketRenderer(layout: TicketLayout(paperWidth: ESCPOSPage.width80mm, path: path))
            var durations: [Double] = []
            var sizes: [Double] = []
            durations.reserveCapacity(tickets)
            for index in 0..<(warmUp + tickets) {
                let content = Self.content(index)
                let started = MonotonicClock.seconds()
                let bytes: [UInt8]
                do {
                    bytes = try renderer.bytes(for: content)
                } catch {
                    throw BenchError("cannot render ticket \(content.number) on the \(path) path: \(error.message)")
                }
                let elapsed = MonotonicClock.seconds() - started
                guard index >= warmUp else { continue }
                durations.append(elapsed)
                sizes.append(Double(bytes.count))
            }
            let samples = Samples(durations)
            let label = path == .nativeKanji ? "native Kanji" : "full raster"
            result.add(
                "ticket: \(label)",
                Metric(
                    key: "\(path.rawValue)RenderMedianMs", label: "render + encode median",
                    value: samples.median * 1000, unit: .milliseconds,
                    note: "\(UnitlessCount(tickets)) tickets after \(warmUp) warm-up"),
                Metric(
                    key: "\(path.rawValue)RenderP99Ms", label: "p99", value: samples.quantile(0.99) * 1000,
                    unit: .milliseconds, goal: .below(5)),
                Metric(
                    key: "\(path.rawValue)RenderMaxMs", label: "max", value: samples.max * 1000, unit: .milliseconds),
                Metric(
                    key: "\(path.rawValue)BytesPerTicket", label: "bytes per ticket", value: Samples(sizes).median,
                    unit: .count, note: "median"))
        }
    }

    /// Ticket `index` of a busy morning: numbers A-001…, a growing queue, a minute every other ticket.
    static func content(_ index: Int) -> TicketContent {
        let number = String(index % 999 + 1)
        let minute = 30 + index / 2
        return TicketContent(
            header: ["みどり市役所", "髙﨑出張所 市民課"], number: "A-" + String(repeating: "0", count: 3 - number.count) + number,
            serviceName: "引越し・住所変更", issuedAt: "12月3日 \(8 + minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60)",
            peopleAhead: index % 40, estimatedWaitMinutes: (index % 40 * 2)...(index % 40 * 3 + 5),
            statusURL: "https://mado.example.jp/t/\(String(index * 7919 + 100_000, radix: 36).uppercased())Q2M4X9K3",
            footer: ["番号が呼ばれるまでお待ちください"], processID: ESCPOSProcessID(sequence: index))
    }
}
