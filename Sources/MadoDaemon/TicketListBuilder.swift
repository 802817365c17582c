// SPDX-License-Identifier: Apache-2.0
// Today's ticket list as JSON bytes, re-serialising only the tickets that changed since the last list.
import Foundation
import MadoCore

/// Builds `GET /v1/tickets` answers. A busy day's waiting list is thousands of tickets and every
/// issue or call makes the previous list stale, yet one command changes one or two tickets: so each
/// ticket's unchanging members (`QueueJSON.fields`) stay serialised, keyed by the ticket value they
/// were made from, and a new list only adds the wait estimates, which move with every call.
struct TicketListBuilder {
    /// The members of a ticket that can change during the day and show in its serialised head.
    private struct Shown: Equatable {
        let state: TicketState
        let service: String
        let callCount: Int
        let lastCalledAt: Date?
        let counter: String?

        init(_ ticket: Ticket) {
            state = ticket.state
            service = ticket.service
            callCount = ticket.callCount
            lastCalledAt = ticket.lastCalledAt
            counter = ticket.counter
        }
    }

    private struct Fragment {
        let shown: Shown
        /// `{"id":…,"counterName":…` without the closing brace.
        let head: [UInt8]
    }

    private var fragments: [String: Fragment] = [:]
    /// The size of the last list, to allocate the next one at once.
    private var lastSize = 0

    /// Forgets every serialised ticket (the configuration's service or counter names changed).
    mutating func removeAll() { fragments.removeAll() }

    /// `[ticket, …]` in issue order, only tickets in `filter` when given, each with its estimate.
    mutating func list(
        of queue: QueueState, filter: TicketState?, config: QueueConfiguration, now: Date
    ) -> Data {
        // One pass over the day: the heads in issue order, and each service's waiting tickets.
        var heads: [[UInt8]] = []
        var waiting: [String: [(key: QueueState.WaitingKey, index: Int)]] = [:]
        for id in queue.issueOrder {
            guard let ticket = queue.tickets[id], filter == nil || ticket.state == filter else { continue }
            if ticket.state == .waiting {
                waiting[ticket.service, default: []].append((QueueState.WaitingKey(ticket), heads.count))
            }
            heads.append(head(of: ticket, config: config))
        }
        // Yesterday's tickets after a reset: drop them rather than let the map grow for ever.
        if fragments.count > 2 * queue.tickets.count + 64 { fragments.removeAll() }
        // Each service's line in call order gets the estimator's estimates in that order.
        var estimates = [WaitEstimate?](repeating: nil, count: heads.count)
        let estimator = WaitEstimator(config: config)
        for (service, line) in waiting {
            let ordered = line.sorted { QueueState.WaitingKey.callsBefore($0.key, $1.key) }
            let values = estimator.estimates(service: service, count: ordered.count, in: queue, now: now)
            for (member, estimate) in zip(ordered, values) { estimates[member.index] = estimate }
        }
        var writer = QueueJSONWriter(capacity: lastSize + 4096)
        writer.append(raw: UInt8(ascii: "["))
        for (index, head) in heads.enumerated() {
            if index > 0 { writer.append(raw: UInt8(ascii: ",")) }
            writer.append(raw: head)
            if let estimate = estimates[index] {
                writer.append(raw: Self.peopleAhead)
                writer.append(integer: estimate.peopleAhead)
                writer.append(raw: Self.minMinutes)
                writer.append(integer: estimate.minMinutes)
                writer.append(raw: Self.maxMinutes)
                writer.append(integer: estimate.maxMinutes)
                writer.append(raw: Self.estimateEnd)
            } else {
                writer.append(raw: Self.noEstimate)
            }
        }
        writer.append(raw: UInt8(ascii: "]"))
        lastSize = writer.bytes.count
        return Data(writer.bytes)
    }

    // The tail of a ticket in a list, written by hand: the same text `QueueJSON.ticket` gives, as
    // `QueueJSONTests` checks, without building a JSON value for every ticket of every list.
    private static let peopleAhead = Array(#","peopleAhead":"#.utf8)
    private static let minMinutes = Array(#","estimate":{"minMinutes":"#.utf8)
    private static let maxMinutes = Array(#","maxMinutes":"#.utf8)
    private static let estimateEnd = Array("}}".utf8)
    private static let noEstimate = Array(#","peopleAhead":null,"estimate":null}"#.utf8)

    private mutating func head(of ticket: Ticket, config: QueueConfiguration) -> [UInt8] {
        let shown = Shown(ticket)
        if let fragment = fragments[ticket.id], fragment.shown == shown { return fragment.head }
        var writer = QueueJSONWriter(capacity: 320)
        writer.write(.object(QueueJSON.fields(of: ticket, config: config)))
        let head = Array(writer.bytes.dropLast())
        fragments[ticket.id] = Fragment(shown: shown, head: head)
        return head
    }
}
