// SPDX-License-Identifier: Apache-2.0
// Today's ticket list as JSON bytes, kept up to date from the tickets that changed since the last list.
import Foundation
import MadoCore
import MadoServer

/// Builds `GET /v1/tickets` answers. A busy day's waiting list is thousands of tickets and every
/// issue or call makes the previous list stale, yet one command changes one or two tickets. So the
/// builder keeps every ticket of the day serialised in issue order (`QueueJSON.fields`, all but the
/// estimate), is told only which tickets changed (`TicketListSource`), and a new list is one pass
/// over those pieces plus the wait estimates, which move with every call.
struct TicketListBuilder {
    private struct Entry {
        let id: String
        let state: TicketState
        let service: String
        /// Set while the ticket waits: its place in its service's queue.
        let waitingKey: QueueState.WaitingKey?
        /// `{"id":…,"counterName":…` without the closing brace.
        let head: [UInt8]

        init(_ ticket: Ticket, config: QueueConfiguration) {
            id = ticket.id
            state = ticket.state
            service = ticket.service
            waitingKey = ticket.state == .waiting ? QueueState.WaitingKey(ticket) : nil
            var writer = QueueJSONWriter(capacity: 320)
            writer.write(.object(QueueJSON.fields(of: ticket, config: config)))
            head = Array(writer.bytes.dropLast())
        }
    }

    private var entries: [Entry] = []
    private var index: [String: Int] = [:]
    private var lines: [String: WaitLine] = [:]
    private(set) var now = Date(timeIntervalSince1970: 0)
    /// The queue version and configuration generation the entries stand for; nil before the first.
    private(set) var version: UInt64?
    private(set) var configGeneration: UInt64 = 0

    /// How many tickets of the day the builder holds (the queue sends only newer ones).
    var ticketCount: Int { entries.count }

    /// Brings the entries up to `source`. A source older than what is held changes nothing: a newer
    /// list is as good an answer for its reader.
    mutating func apply(_ source: TicketListSource) {
        if let version, source.version < version { return }
        switch source.tickets {
        case .all(let tickets):
            entries = tickets.map { Entry($0, config: source.config) }
            index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
        case .changed(_, let changed, let issued):
            // Issued ones first, in issue order: a changed ticket the builder lacks is one of them.
            for ticket in issued + changed {
                let entry = Entry(ticket, config: source.config)
                if let i = index[ticket.id] {
                    entries[i] = entry
                } else {
                    index[ticket.id] = entries.count
                    entries.append(entry)
                }
            }
        }
        lines = source.lines
        now = source.now
        version = source.version
        configGeneration = source.configGeneration
    }

    /// Whether `source` can be applied: a full list, or changes counted from what is held.
    func canApply(_ source: TicketListSource) -> Bool {
        guard case .changed(let base, _, _) = source.tickets else { return true }
        guard let version, source.configGeneration == configGeneration else { return false }
        return base <= version
    }

    /// `[ticket, …]` in issue order, only tickets in `filter` when given, each with its estimate.
    mutating func list(filter: TicketState?) -> SharedBytes {
        var selected: [Int] = []
        var waiting: [String: [(key: QueueState.WaitingKey, position: Int)]] = [:]
        // By index: iterating the entries themselves would copy each (and retain its strings).
        for i in entries.indices where filter == nil || entries[i].state == filter {
            if let key = entries[i].waitingKey {
                waiting[entries[i].service, default: []].append((key, selected.count))
            }
            selected.append(i)
        }
        // Each service's line in call order gets the estimator's estimates in that order.
        var estimates = [WaitEstimate?](repeating: nil, count: selected.count)
        for (service, members) in waiting {
            guard var line = lines[service] else { continue }
            for member in members.sorted(by: { QueueState.WaitingKey.callsBefore($0.key, $1.key) }) {
                estimates[member.position] = line.next()
            }
        }
        // The size first, then every byte in place: a busy day's list is a megabyte, and building
        // it in an array to copy it into the answer was a measurable share of a list's cost.
        var size = 2 + max(0, selected.count - 1)
        for (position, i) in selected.enumerated() {
            size += entries[i].head.count
            if let estimate = estimates[position] {
                size += Self.estimateLength + Self.digits(estimate.peopleAhead) + Self.digits(estimate.minMinutes)
                size += Self.digits(estimate.maxMinutes)
            } else {
                size += Self.noEstimate.count
            }
        }
        return SharedBytes(count: size) { out in
            var at = 0
            func put(_ bytes: [UInt8]) {
                bytes.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: out[at..<(at + source.count)]).copyMemory(from: source)
                }
                at += bytes.count
            }
            func put(_ byte: UInt8) {
                out[at] = byte
                at += 1
            }
            func put(number: Int) {
                var n = max(0, number)
                let width = Self.digits(n)
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[at + k] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
                at += width
            }
            put(UInt8(ascii: "["))
            for (position, i) in selected.enumerated() {
                if position > 0 { put(UInt8(ascii: ",")) }
                put(entries[i].head)
                if let estimate = estimates[position] {
                    put(Self.peopleAhead)
                    put(number: estimate.peopleAhead)
                    put(Self.minMinutes)
                    put(number: estimate.minMinutes)
                    put(Self.maxMinutes)
                    put(number: estimate.maxMinutes)
                    put(Self.estimateEnd)
                } else {
                    put(Self.noEstimate)
                }
            }
            put(UInt8(ascii: "]"))
        }
    }

    /// Decimal digits of a count or a number of minutes (never negative).
    private static func digits(_ n: Int) -> Int {
        var count = 1
        var rest = max(0, n)
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    // The tail of a ticket in a list, written by hand: the same text `QueueJSON.ticket` gives, as
    // `QueueJSONTests` checks, without building a JSON value for every ticket of every list.
    private static let peopleAhead = Array(#","peopleAhead":"#.utf8)
    private static let minMinutes = Array(#","estimate":{"minMinutes":"#.utf8)
    private static let maxMinutes = Array(#","maxMinutes":"#.utf8)
    private static let estimateEnd = Array("}}".utf8)
    private static let noEstimate = Array(#","peopleAhead":null,"estimate":null}"#.utf8)
    private static let estimateLength = peopleAhead.count + minMinutes.count + maxMinutes.count + estimateEnd.count
}

/// What the queue's actor hands a list builder: the tickets that changed since the builder's
/// version (or all of them), and each service's wait line, never the whole state (a snapshot of
/// the state held while the actor commits would make every commit copy the day's tickets).
struct TicketListSource: Sendable {
    enum Tickets: Sendable {
        /// Every ticket of the day in issue order.
        case all([Ticket])
        /// The tickets changed after version `since` that the builder holds, and those issued since,
        /// in issue order.
        case changed(since: UInt64, [Ticket], issued: [Ticket])
    }

    let tickets: Tickets
    let lines: [String: WaitLine]
    let config: QueueConfiguration
    /// Counts committed batches.
    let version: UInt64
    /// Counts configuration reloads: serialised names of an older one are stale.
    let configGeneration: UInt64
    let now: Date

    /// Everything, from a state (start-up, a new day, a reload, tests).
    static func full(
        _ state: QueueState, config: QueueConfiguration, version: UInt64, configGeneration: UInt64, now: Date
    ) -> TicketListSource {
        TicketListSource(
            tickets: .all(state.ticketsInIssueOrder), lines: waitLines(state, config: config, now: now), config: config,
            version: version, configGeneration: configGeneration, now: now)
    }

    /// The wait line of every configured service.
    static func waitLines(_ state: QueueState, config: QueueConfiguration, now: Date) -> [String: WaitLine] {
        let estimator = WaitEstimator(config: config)
        var lines: [String: WaitLine] = [:]
        for service in config.services { lines[service.id] = estimator.line(service: service.id, in: state, now: now) }
        return lines
    }
}
