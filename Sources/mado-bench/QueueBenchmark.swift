// SPDX-License-Identifier: Apache-2.0
// Issue 3: the ticket queue under a counter's load: issue latency, mixed throughput, a year's KPI export.
import Foundation
import MadoCore

/// (a) 2,000 tickets issued one after another on one keep-alive connection (what a kiosk waits for),
/// (b) 8 clients for 5 s mixing status, waiting-list and issue requests (a busy hall's displays,
/// counter PCs and kiosks), (c) the KPI export of a year of a 5-ward city, in-process.
/// Each of (a) and (b) gets its own fresh madod, so neither sees the other's tickets.
struct QueueBenchmark: Benchmark {
    let name = "queue"
    let summary =
        "issue latency p99 (goal < 10 ms), mixed load with 8 clients (median of 3 runs; goal > 2,000 req/s, 0 errors), KPI export of a year (goal < 1 s) and the time to summarise that year from the raw log"
    var sequentialIssues = 2_000
    var loadClients = 8
    var loadSeconds = 5.0
    /// Runs of the mixed load, each on a fresh madod; the median one is reported. One run on two
    /// cores shared by eight client threads and madod varied by ±20 %.
    var loadRuns = 3

    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError) {
        let queue = BenchQueueConfiguration()
        try context.withDaemon("queue-latency", sections: [queue.section]) { session throws(BenchError) in
            try measureIssueLatency(session, queue: queue, into: &result)
        }
        var outcomes: [LoadOutcome] = []
        for run in 1...loadRuns {
            try context.withDaemon("queue-load-\(run)", sections: [queue.section]) { session throws(BenchError) in
                outcomes.append(try mixedLoad(session, queue: queue))
            }
        }
        report(outcomes, into: &result)
        let kpiDirectory = context.sessionDirectory("queue-kpi")
        defer { if !context.keepFiles { try? FileManager.default.removeItem(atPath: kpiDirectory) } }
        try QueueKPIExportMeasurement().run(directory: kpiDirectory, into: &result)
    }

    private func measureIssueLatency(
        _ session: DaemonSession, queue: BenchQueueConfiguration, into result: inout BenchmarkResult
    ) throws(BenchError) {
        let client = try KeepAliveHTTPClient(socketPath: session.adminSocket)
        let body = queue.issueBody(service: queue.firstService)
        var latencies: [Double] = []
        latencies.reserveCapacity(sequentialIssues)
        for i in 1...sequentialIssues {
            let started = MonotonicClock.seconds()
            let reply: HTTPReply
            do {
                reply = try client.request("POST", "/v1/tickets", json: body)
            } catch {
                throw BenchError("issue \(i) of \(sequentialIssues): \(error.message)", logTail: session.logTail())
            }
            latencies.append(MonotonicClock.seconds() - started)
            guard (200..<300).contains(reply.status) else {
                throw BenchError(
                    "issue \(i) of \(sequentialIssues): POST /v1/tickets answered \(reply.status): \(reply.text.prefix(300))",
                    logTail: session.logTail())
            }
        }
        let samples = Samples(latencies)
        let note = "\(UnitlessCount(sequentialIssues)) sequential POST /v1/tickets, one keep-alive connection"
        result.add(
            "queue: issue to acknowledge",
            Metric(
                key: "issueLatencyMedianMs", label: "median", value: samples.median * 1000, unit: .milliseconds,
                note: note),
            Metric(
                key: "issueLatencyP99Ms", label: "p99", value: samples.quantile(0.99) * 1000, unit: .milliseconds,
                goal: .below(10)),
            Metric(key: "issueLatencyMaxMs", label: "max", value: samples.max * 1000, unit: .milliseconds))
        if client.reconnects > 0 {
            result.notes.append("madod closed the keep-alive connection \(client.reconnects) time(s) during (a)")
        }
    }

    /// Equal shares: every client asks for the status, the waiting list and a new ticket in turn
    /// (the ticket for each service in turn).
    private static func operations(_ queue: BenchQueueConfiguration) -> [LoadOperation] {
        [
            LoadOperation(key: "status", method: "GET", path: "/v1/status"),
            LoadOperation(key: "waitingList", method: "GET", path: "/v1/tickets?state=waiting"),
            LoadOperation(
                key: "issue", method: "POST", path: "/v1/tickets", bodies: queue.services.map(queue.issueBody(service:))
            ),
        ]
    }

    private func mixedLoad(_ session: DaemonSession, queue: BenchQueueConfiguration) throws(BenchError) -> LoadOutcome {
        try MixedLoad(
            socketPath: session.adminSocket, clients: loadClients, seconds: loadSeconds,
            operations: Self.operations(queue)
        ).run()
    }

    /// The median run's figures, and every run's throughput in a note.
    private func report(_ outcomes: [LoadOutcome], into result: inout BenchmarkResult) {
        let ranked = outcomes.sorted { $0.requestsPerSecond < $1.requestsPerSecond }
        let outcome = ranked[ranked.count / 2]
        let operations = Self.operations(BenchQueueConfiguration())
        result.add(
            "queue: mixed load",
            Metric(
                key: "mixedLoadRequestsPerSecond", label: "throughput", value: outcome.requestsPerSecond,
                unit: .requestsPerSecond,
                note: "median of \(outcomes.count) runs, \(loadClients) clients × \(loadSeconds.formatted1) s each, "
                    + outcome.mixDescription,
                goal: .above(2_000)),
            Metric(
                key: "mixedLoadErrors", label: "errors", value: Double(outcome.errors), unit: .count,
                goal: .equal(0)),
            Metric(
                key: "mixedLoadP99Ms", label: "p99 latency", value: outcome.latencies.quantile(0.99) * 1000,
                unit: .milliseconds))
        for (operation, samples) in zip(operations, outcome.latenciesByOperation) {
            result.add(
                "queue: mixed load: \(operation.name)",
                Metric(
                    key: "mixedLoad.\(operation.key).count", label: "requests", value: Double(samples.count),
                    unit: .count),
                Metric(
                    key: "mixedLoad.\(operation.key).medianMs", label: "median", value: samples.median * 1000,
                    unit: .milliseconds),
                Metric(
                    key: "mixedLoad.\(operation.key).p99Ms", label: "p99", value: samples.quantile(0.99) * 1000,
                    unit: .milliseconds))
        }
        if let firstError = outcome.firstError { result.notes.append("first load error: \(firstError)") }
        let all = outcomes.map { MetricUnit.requestsPerSecond.format($0.requestsPerSecond) }
        result.notes.append("(b) throughput of each run: \(all.joined(separator: ", ")) (a fresh madod each)")
        result.notes.append(
            "the waiting list grew to \(UnitlessCount(outcome.issued)) tickets during the median run of (b); "
                + "GET /v1/tickets?state=waiting returns all of them")
    }
}

/// "2,000": counts in notes, grouped like the figures.
func UnitlessCount(_ number: Int) -> String { MetricUnit.count.format(Double(number)) }
