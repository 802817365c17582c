// SPDX-License-Identifier: Apache-2.0
// Issue 6: how long the clerk waits between "print" and a filled bundle: plan + fill + render a 転入.
import Foundation
import MadoCore
import MadoRender

/// The sample 転入 interview (config/examples/interview-move-in.json: a family of four, at least five
/// forms) planned, filled and rendered to one PDF, in-process, as POST /v1/forms/render does. The first
/// bundles warm pango's font caches and are not counted: a running madod has them warm.
struct FormsBenchmark: Benchmark {
    let name = "forms"
    let summary =
        "plan + fill + render the sample 転入 bundle to PDF (goal median < 100 ms), pages per second; 40 bundles"
    var bundles = 40
    var warmUp = 3

    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError) {
        let root = try ProjectFiles.root()
        let catalog: LifeEventCatalog
        let templates: FormTemplateCatalog
        let interview: JSONValue
        do {
            catalog = try LifeEventCatalog(contentsOf: root.appendingPathComponent("config/life-events.json"))
            templates = try FormTemplateCatalog.load(directory: root.appendingPathComponent("config/forms"))
            interview = try JSONParser.parse(
                Data(contentsOf: root.appendingPathComponent("config/examples/interview-move-in.json")))
        } catch {
            throw BenchError("cannot load the forms configuration: \(error)")
        }
        guard case .object(let object) = interview, case .string(let event)? = object["event"],
            let answers = object["answers"]
        else { throw BenchError("config/examples/interview-move-in.json is not {event, answers}") }
        let today = CivilDate(iso: "2026-12-03")!

        var planTimes: [Double] = []
        var totalTimes: [Double] = []
        var pages = 0
        var forms = 0
        var bytes = 0
        for index in 0..<(warmUp + bundles) {
            let started = MonotonicClock.seconds()
            let plan = LifeEventPlanner.plan(eventID: event, answers: answers, catalog: catalog)
            let planned = MonotonicClock.seconds()
            guard plan.isValid else { throw BenchError("the sample 転入 interview does not plan: \(plan.errors)") }
            let rendered: RenderedFormBundle
            do {
                let bundle = try FormBundle.filling(
                    plan, catalog: templates, cityName: "みどり市", mayor: "みどり市長", today: today)
                rendered = try FormBundleRenderer.render(bundle)
                forms = bundle.procedures.reduce(0) { $0 + $1.forms.count }
            } catch {
                throw BenchError("cannot render the 転入 bundle: \(error.message)")
            }
            let finished = MonotonicClock.seconds()
            guard index >= warmUp else { continue }
            planTimes.append(planned - started)
            totalTimes.append(finished - started)
            pages = rendered.pageCount
            bytes = rendered.pdf.count
        }
        let total = Samples(totalTimes)
        result.add(
            "forms: 転入 bundle",
            Metric(
                key: "bundleMedianMs", label: "plan + fill + render median", value: total.median * 1000,
                unit: .milliseconds,
                note: "\(UnitlessCount(bundles)) bundles of \(forms) forms, \(pages) pages", goal: .below(100)),
            Metric(key: "bundleP99Ms", label: "p99", value: total.quantile(0.99) * 1000, unit: .milliseconds),
            Metric(
                key: "planMedianMs", label: "of which plan", value: Samples(planTimes).median * 1000,
                unit: .milliseconds),
            Metric(
                key: "pagesPerSecond", label: "pages per second", value: Double(pages) / total.median,
                unit: .count, note: "one thread"),
            Metric(key: "pdfBytes", label: "PDF size", value: Double(bytes), unit: .count, note: "bytes"))
    }
}
