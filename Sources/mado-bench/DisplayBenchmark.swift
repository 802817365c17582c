// SPDX-License-Identifier: Apache-2.0
// Issue 5: how soon a hall's display boards hear of a call, and what 100 connected boards cost madod.
import Foundation
import Glibc
import MadoCore
import MadoSystem
import Synchronization

/// 100 display clients hold the hall board's own stream `GET /display/hall/events` open (what the board
/// page reads; over the admin socket here, the LAN listener serves the same route) while a counter calls
/// ticket after ticket at a steady pace. For every call and every client: the time from sending
/// `POST /v1/counters/3/call` to that client reading the `display.call` event for the number called.
/// Also madod's RSS before and with the clients.
struct DisplayBenchmark: Benchmark {
    let name = "display"
    let summary =
        "call-to-event latency at 100 SSE display clients (goal p99 < 50 ms), 0 missed events, madod's RSS with them connected"
    var clients = 100
    var calls = 200
    /// 20 calls a second: far more than a hall (a counter calls every minute or two), steady enough that
    /// one call's fan-out is over before the next (each is 100 events on the wire).
    var callInterval = 0.05
    /// How long after the last call an event may still arrive before it counts as missed.
    var drainSeconds = 5.0

    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError) {
        let queue = BenchQueueConfiguration()
        let board = #""displays": [{ "id": "hall", "kind": "web" }]"#
        try context.withDaemon("display", sections: [queue.section, board]) { session throws(BenchError) in
            try measure(session, queue: queue, into: &result)
        }
    }

    private func measure(
        _ session: DaemonSession, queue: BenchQueueConfiguration, into result: inout BenchmarkResult
    ) throws(BenchError) {
        guard let process = session.process else { throw BenchError("madod is not running") }
        let control = try KeepAliveHTTPClient(socketPath: session.adminSocket)
        // Counter 3 serves only certificates; its "call next" serves the ticket before and calls the next.
        for i in 1...calls {
            let reply = try control.request("POST", "/v1/tickets", json: queue.issueBody(service: "certificates"))
            guard (200..<300).contains(reply.status) else {
                throw BenchError(
                    "issue \(i) of \(calls): POST /v1/tickets answered \(reply.status): \(reply.text.prefix(300))",
                    logTail: session.logTail())
            }
        }
        Thread.sleep(forTimeInterval: 0.5)
        let before = try process.memory()

        let boards = try (0..<clients).map { _ throws(BenchError) in try DisplayClient(socketPath: session.adminSocket)
        }
        defer { for board in boards { board.stop() } }
        for board in boards { board.start() }
        let connectDeadline = MonotonicClock.seconds() + 10
        while boards.contains(where: { !$0.isConnected }) {
            if let failure = boards.lazy.compactMap(\.failure).first {
                throw BenchError("a display client failed: \(failure)", logTail: session.logTail())
            }
            guard MonotonicClock.seconds() < connectDeadline else {
                let connected = boards.filter(\.isConnected).count
                throw BenchError(
                    "only \(connected) of \(clients) display clients were connected after 10 s",
                    logTail: session.logTail())
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Thread.sleep(forTimeInterval: 1)
        let connected = try process.memory()

        var sent: [(number: String, at: Double)] = []
        var callLatencies: [Double] = []
        let start = MonotonicClock.seconds()
        for i in 0..<calls {
            let slot = start + Double(i) * callInterval
            while MonotonicClock.seconds() < slot { Thread.sleep(forTimeInterval: 0.001) }
            let began = MonotonicClock.seconds()
            let reply = try control.request("POST", "/v1/counters/3/call")
            callLatencies.append(MonotonicClock.seconds() - began)
            guard (200..<300).contains(reply.status), case .object(let ticket)? = try? JSONParser.parse(reply.text),
                case .string(let number)? = ticket["number"]
            else {
                throw BenchError(
                    "call \(i + 1) of \(calls): POST /v1/counters/3/call answered \(reply.status): \(reply.text.prefix(300))",
                    logTail: session.logTail())
            }
            sent.append((number, began))
        }
        let numbers = sent.map(\.number)
        let drainDeadline = MonotonicClock.seconds() + drainSeconds
        while MonotonicClock.seconds() < drainDeadline && !boards.allSatisfy({ $0.hasReceived(all: numbers) }) {
            Thread.sleep(forTimeInterval: 0.01)
        }

        var latencies: [Double] = []
        latencies.reserveCapacity(calls * clients)
        var missed = 0
        for board in boards {
            let received = board.receivedTimes()
            for call in sent {
                if let at = received[call.number] { latencies.append(at - call.at) } else { missed += 1 }
            }
        }
        let samples = Samples(latencies)
        let callSamples = Samples(callLatencies)
        let perSecond = MetricUnit.count.format(1 / callInterval)
        result.add(
            "display: call to display.call at the board's stream",
            Metric(
                key: "callToEventMedianMs", label: "median", value: samples.median * 1000, unit: .milliseconds,
                note: "\(clients) clients on /display/hall/events × \(calls) calls at \(perSecond) calls/s"),
            Metric(
                key: "callToEventP99Ms", label: "p99", value: samples.quantile(0.99) * 1000, unit: .milliseconds,
                goal: .below(50)),
            Metric(key: "callToEventMaxMs", label: "max", value: samples.max * 1000, unit: .milliseconds),
            Metric(
                key: "missedEvents", label: "missed", value: Double(missed), unit: .count,
                note: "not received within \(Int(drainSeconds)) s of the last call", goal: .equal(0)))
        result.add(
            "display: POST /v1/counters/3/call",
            Metric(key: "callMedianMs", label: "median", value: callSamples.median * 1000, unit: .milliseconds),
            Metric(key: "callP99Ms", label: "p99", value: callSamples.quantile(0.99) * 1000, unit: .milliseconds))
        result.add(
            "display: madod memory",
            Metric(
                key: "rssWithoutClientsMB", label: "RSS without clients", value: before.resident / 1_048_576,
                unit: .megabytes),
            Metric(
                key: "rssWithClientsMB", label: "RSS with \(clients) clients", value: connected.resident / 1_048_576,
                unit: .megabytes, note: "VmRSS, every client streaming"),
            Metric(
                key: "rssAddedByClientsMB", label: "added", value: (connected.resident - before.resident) / 1_048_576,
                unit: .megabytes, note: "each SSE client holds one of libmicrohttpd's connection threads"))
    }
}

/// One display board's event stream on a thread of its own: when each called number arrived.
private final class DisplayClient: Sendable {
    private let fd: Int32
    private let state = Mutex(State())

    private struct State {
        var isConnected = false
        var failure: String?
        var received: [String: Double] = [:]
    }

    init(socketPath: String) throws(BenchError) {
        do {
            fd = try UnixSocket.connect(path: socketPath)
        } catch {
            throw BenchError("cannot connect a display client to the admin socket: \(error)")
        }
    }

    var isConnected: Bool { state.withLock { $0.isConnected } }
    var failure: String? { state.withLock { $0.failure } }
    func receivedTimes() -> [String: Double] { state.withLock { $0.received } }

    func hasReceived(all numbers: [String]) -> Bool {
        state.withLock { state in numbers.allSatisfy { state.received[$0] != nil } }
    }

    func start() {
        let thread = Thread { @Sendable in self.read() }
        thread.stackSize = 1 << 18
        thread.start()
    }

    /// Ends the stream: the reading thread sees end-of-file and returns, then the descriptor is closed.
    func stop() { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

    deinit { close(fd) }

    private func read() {
        let request = "GET /display/hall/events HTTP/1.1\r\nHost: mado\r\nAccept: text/event-stream\r\n\r\n"
        let sent = request.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        guard sent == request.utf8.count else {
            state.withLock { $0.failure = "cannot send GET /display/hall/events: \(String(cString: strerror(errno)))" }
            return
        }
        var decoder = EventStreamDecoder()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            // The time the bytes arrived, before any parsing: what a board's browser would see.
            let arrived = MonotonicClock.seconds()
            let numbers: [String]
            do throws(BenchError) {
                numbers = try decoder.feed(buffer[0..<count])
            } catch {
                state.withLock { $0.failure = error.message }
                return
            }
            state.withLock { state in
                if decoder.isStreaming { state.isConnected = true }
                for number in numbers where state.received[number] == nil { state.received[number] = arrived }
            }
        }
    }
}

/// HTTP response head, chunked framing and SSE events, fed as bytes arrive; returns called numbers.
private struct EventStreamDecoder {
    private var raw: [UInt8] = []
    private var text: [UInt8] = []
    private var headRead = false
    private var chunked = false
    /// Seen ": connected", which the server writes once the subscription exists.
    private(set) var isStreaming = false

    mutating func feed(_ bytes: ArraySlice<UInt8>) throws(BenchError) -> [String] {
        raw += bytes
        if !headRead {
            guard let end = Self.find([13, 10, 13, 10], in: raw) else { return [] }
            let head = String(decoding: raw[0..<end], as: UTF8.self)
            guard head.hasPrefix("HTTP/1.1 200") else {
                throw BenchError("GET /display/hall/events answered: \(head.prefix(200))")
            }
            chunked = head.lowercased().contains("transfer-encoding: chunked")
            raw.removeFirst(end + 4)
            headRead = true
        }
        if chunked {
            while let lineEnd = Self.find([13, 10], in: raw) {
                let sizeText = String(decoding: raw[0..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw BenchError("malformed chunk size in the event stream")
                }
                guard raw.count >= lineEnd + 2 + size + 2 else { break }
                text += raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
                raw.removeFirst(lineEnd + 2 + size + 2)
            }
        } else {
            text += raw
            raw.removeAll()
        }
        var numbers: [String] = []
        while let end = Self.find([10, 10], in: text) {
            let block = String(decoding: text[0..<end], as: UTF8.self)
            text.removeFirst(end + 2)
            if block.contains(": connected") { isStreaming = true }
            let lines = block.split(separator: "\n")
            guard lines.contains("event: display.call"),
                let data = lines.first(where: { $0.hasPrefix("data: ") }),
                case .object(let ticket)? = try? JSONParser.parse(String(data.dropFirst(6))),
                case .string(let number)? = ticket["number"]
            else { continue }
            numbers.append(number)
        }
        return numbers
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
