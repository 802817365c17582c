// SPDX-License-Identifier: Apache-2.0
// N client threads, each with its own keep-alive connection, cycling through a mix of requests.
import Dispatch
import Foundation
import Synchronization

/// One request of the mix. With several bodies, successive uses take them in turn (e.g. one issue
/// request per service), so they count as one share of the mix.
struct LoadOperation: Sendable {
    /// A short camel-case name for `--json` keys ("waitingList").
    let key: String
    let method: String
    let path: String
    var bodies: [String] = []

    var name: String { "\(method) \(path)" }
}

/// What the clients saw, summed.
struct LoadOutcome {
    let requests: Int
    let errors: Int
    let issued: Int
    let elapsed: Double
    let latencies: Samples
    /// Per operation of the mix, in its order: which request is the slow one.
    let latenciesByOperation: [Samples]
    let firstError: String?
    let mixDescription: String

    var requestsPerSecond: Double { elapsed > 0 ? Double(requests) / elapsed : 0 }
}

/// Runs `clients` threads for `seconds`. Threads, not tasks: each blocks in recv like a real client
/// process would, and the cooperative pool must not be blocked.
struct MixedLoad {
    let socketPath: String
    let clients: Int
    let seconds: Double
    let operations: [LoadOperation]

    private struct Tally: Sendable {
        var requests = 0
        var errors = 0
        var issued = 0
        var latencies: [[Double]] = []
        var firstError: String?
        var finishedAt = 0.0
    }

    func run() throws(BenchError) -> LoadOutcome {
        // Connect before the clock starts: connection setup is not what this measures.
        var connections: [KeepAliveHTTPClient] = []
        for _ in 0..<clients { connections.append(try KeepAliveHTTPClient(socketPath: socketPath)) }
        let tallies = Mutex<[Tally]>([])
        let finished = DispatchSemaphore(value: 0)
        let start = MonotonicClock.seconds() + 0.05
        let deadline = start + seconds
        let operations = self.operations
        for (index, connection) in connections.enumerated() {
            let handOver = UncheckedTransfer(connection)
            let thread = Thread { @Sendable in
                let tally = Self.drive(
                    handOver.value, operations: operations, offset: index, start: start, deadline: deadline)
                tallies.withLock { $0.append(tally) }
                finished.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in 0..<clients { finished.wait() }
        let all = tallies.withLock { $0 }
        let ended = all.map(\.finishedAt).max() ?? deadline
        let share = operations.count == 3 ? "⅓" : "1/\(operations.count)"
        let mix = operations.map { "\(share) \($0.name)" }
        return LoadOutcome(
            requests: all.reduce(0) { $0 + $1.requests }, errors: all.reduce(0) { $0 + $1.errors },
            issued: all.reduce(0) { $0 + $1.issued }, elapsed: ended - start,
            latencies: Samples(all.flatMap { $0.latencies.joined() }),
            latenciesByOperation: operations.indices.map { i in Samples(all.flatMap { $0.latencies[i] }) },
            firstError: all.compactMap(\.firstError).first,
            mixDescription: mix.joined(separator: ", "))
    }

    private static func drive(
        _ client: KeepAliveHTTPClient, operations: [LoadOperation], offset: Int, start: Double, deadline: Double
    ) -> Tally {
        var tally = Tally()
        tally.latencies = operations.map { _ in
            var list: [Double] = []
            list.reserveCapacity(20_000)
            return list
        }
        while MonotonicClock.seconds() < start {}
        var i = offset
        while true {
            let began = MonotonicClock.seconds()
            guard began < deadline else { break }
            let index = i % operations.count
            let operation = operations[index]
            let body =
                operation.bodies.isEmpty ? nil : operation.bodies[(i / operations.count) % operation.bodies.count]
            i += 1
            do {
                let reply = try client.request(operation.method, operation.path, json: body)
                if (200..<300).contains(reply.status) {
                    if operation.method == "POST" { tally.issued += 1 }
                } else {
                    tally.errors += 1
                    if tally.firstError == nil {
                        tally.firstError =
                            "\(operation.method) \(operation.path) answered \(reply.status): \(reply.text.prefix(200))"
                    }
                }
            } catch {
                tally.errors += 1
                if tally.firstError == nil { tally.firstError = error.message }
            }
            tally.requests += 1
            tally.latencies[index].append(MonotonicClock.seconds() - began)
        }
        tally.finishedAt = MonotonicClock.seconds()
        return tally
    }
}

/// Moves a non-Sendable value into exactly one thread. Unchecked because the sender never touches
/// the value again after handing it over, so only one thread ever uses it.
struct UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
