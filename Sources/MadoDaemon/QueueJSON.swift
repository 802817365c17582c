// SPDX-License-Identifier: Apache-2.0
// The JSON the queue routes and events send for tickets and counters. Never a status token.
import Foundation
import MadoCore

/// Builds the API's ticket and counter objects from the projection.
///
/// A ticket is `TicketSummary`'s fields with `priority` as a boolean (what the kiosk sends and
/// madoctl reads) and the category beside it, plus the calling counter's name for displays:
/// `{"id","number","service","serviceName","state","priority","category","issuedAt","callCount",
/// "lastCalledAt","counter","counterName","peopleAhead","estimate":{"minMinutes","maxMinutes"}}`.
enum QueueJSON {
    static func ticket(
        _ ticket: Ticket, estimate: WaitEstimate?, config: QueueConfiguration, statusURL: String? = nil
    ) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        var estimateValue = JSONValue.null
        if let estimate {
            estimateValue = .object(
                JSONObject([
                    ("minMinutes", .number(String(estimate.minMinutes))),
                    ("maxMinutes", .number(String(estimate.maxMinutes))),
                ]))
        }
        var object = JSONObject([
            ("id", .string(ticket.id)), ("number", .string(ticket.number)), ("service", .string(ticket.service)),
            ("serviceName", .string(config.service(ticket.service)?.name ?? ticket.service)),
            ("state", .string(ticket.state.rawValue)), ("priority", .bool(ticket.isPriority)),
            ("category", text(ticket.priority)), ("issuedAt", .string(EventTimestamp.format(ticket.issuedAt))),
            ("callCount", .number(String(ticket.callCount))),
            ("lastCalledAt", text(ticket.lastCalledAt.map(EventTimestamp.format))), ("counter", text(ticket.counter)),
            ("counterName", text(ticket.counter.map { config.counter($0)?.name ?? $0 })),
            ("peopleAhead", estimate.map { .number(String($0.peopleAhead)) } ?? .null), ("estimate", estimateValue),
        ])
        if let statusURL { object.append("statusURL", .string(statusURL)) }
        return .object(object)
    }

    /// One ticket with its own estimate (O(today's tickets)).
    static func ticket(_ ticket: Ticket, in state: QueueState, config: QueueConfiguration, now: Date) -> JSONValue {
        let estimate = WaitEstimator(config: config).estimate(for: ticket, in: state, now: now)
        return Self.ticket(ticket, estimate: estimate, config: config)
    }

    /// Today's tickets in issue order, optionally only those in `state`; estimates are computed per
    /// service in one pass rather than per ticket.
    static func tickets(
        in queue: QueueState, filter: TicketState?, config: QueueConfiguration, now: Date
    ) -> JSONValue {
        let selected = queue.ticketsInIssueOrder.filter { filter == nil || $0.state == filter }
        var estimates: [String: WaitEstimate] = [:]
        if selected.contains(where: { $0.state == .waiting }) {
            let estimator = WaitEstimator(config: config)
            for service in Set(selected.filter { $0.state == .waiting }.map(\.service)) {
                estimates.merge(estimator.estimates(service: service, in: queue, now: now)) { a, _ in a }
            }
        }
        return .array(selected.map { ticket($0, estimate: estimates[$0.id], config: config) })
    }

    /// `{"id","name","services","current","open"}`; `current` is the ticket at the counter or null.
    static func counter(_ definition: CounterDefinition, in queue: QueueState, config: QueueConfiguration) -> JSONValue
    {
        let live = queue.counters[definition.id]
        var current = JSONValue.null
        if let id = live?.currentTicket, let t = queue.tickets[id], t.state.isAtCounter {
            current = ticket(t, estimate: nil, config: config)
        }
        return .object(
            JSONObject([
                ("id", .string(definition.id)), ("name", .string(definition.name)),
                ("services", .array(definition.services.map { .string($0) })), ("current", current),
                ("open", .bool(live?.isOpen == true)),
            ]))
    }

    static func counters(in queue: QueueState, config: QueueConfiguration) -> JSONValue {
        .array(config.counters.map { counter($0, in: queue, config: config) })
    }

    /// What the resident's phone shows (GET /t/{token}): no id, nothing to act on.
    static func status(_ ticket: Ticket, in queue: QueueState, config: QueueConfiguration, now: Date) -> JSONValue {
        let estimate = WaitEstimator(config: config).estimate(for: ticket, in: queue, now: now)
        var estimateValue = JSONValue.null
        if let estimate {
            estimateValue = .object(
                JSONObject([
                    ("minMinutes", .number(String(estimate.minMinutes))),
                    ("maxMinutes", .number(String(estimate.maxMinutes))),
                ]))
        }
        let counterName = ticket.state.isAtCounter ? ticket.counter.map { config.counter($0)?.name ?? $0 } : nil
        return .object(
            JSONObject([
                ("number", .string(ticket.number)),
                ("serviceName", .string(config.service(ticket.service)?.name ?? ticket.service)),
                ("state", .string(ticket.state.rawValue)),
                ("peopleAhead", estimate.map { .number(String($0.peopleAhead)) } ?? .null),
                ("estimate", estimateValue), ("counterName", counterName.map { .string($0) } ?? .null),
            ]))
    }
}
