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
        var object = fields(of: ticket, config: config)
        object.append("peopleAhead", estimate.map { .number(String($0.peopleAhead)) } ?? .null)
        object.append("estimate", estimateValue(estimate))
        if let statusURL { object.append("statusURL", .string(statusURL)) }
        return .object(object)
    }

    /// A ticket's members up to `peopleAhead`: everything that changes only when the ticket does (or
    /// the configuration's names), which `TicketListBuilder` keeps serialised between lists.
    static func fields(of ticket: Ticket, config: QueueConfiguration) -> JSONObject {
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return JSONObject([
            ("id", .string(ticket.id)), ("number", .string(ticket.number)), ("service", .string(ticket.service)),
            ("serviceName", .string(config.service(ticket.service)?.name ?? ticket.service)),
            ("state", .string(ticket.state.rawValue)), ("priority", .bool(ticket.isPriority)),
            ("category", text(ticket.priority)), ("issuedAt", .string(EventTimestamp.format(ticket.issuedAt))),
            ("callCount", .number(String(ticket.callCount))),
            ("lastCalledAt", text(ticket.lastCalledAt.map(EventTimestamp.format))), ("counter", text(ticket.counter)),
            ("counterName", text(ticket.counter.map { config.counter($0)?.name ?? $0 })),
        ])
    }

    /// `{"minMinutes","maxMinutes"}`, or null for a ticket that is not waiting.
    static func estimateValue(_ estimate: WaitEstimate?) -> JSONValue {
        guard let estimate else { return .null }
        return .object(
            JSONObject([
                ("minMinutes", .number(String(estimate.minMinutes))),
                ("maxMinutes", .number(String(estimate.maxMinutes))),
            ]))
    }

    /// One ticket with its own estimate (O(today's tickets)).
    static func ticket(_ ticket: Ticket, in state: QueueState, config: QueueConfiguration, now: Date) -> JSONValue {
        let estimate = WaitEstimator(config: config).estimate(for: ticket, in: state, now: now)
        return Self.ticket(ticket, estimate: estimate, config: config)
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
        let counterName = ticket.state.isAtCounter ? ticket.counter.map { config.counter($0)?.name ?? $0 } : nil
        return .object(
            JSONObject([
                ("number", .string(ticket.number)),
                ("serviceName", .string(config.service(ticket.service)?.name ?? ticket.service)),
                ("state", .string(ticket.state.rawValue)),
                ("peopleAhead", estimate.map { .number(String($0.peopleAhead)) } ?? .null),
                ("estimate", estimateValue(estimate)), ("counterName", counterName.map { .string($0) } ?? .null),
            ]))
    }
}
