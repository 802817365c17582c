// SPDX-License-Identifier: Apache-2.0
// What a hall board shows, built from the queue's projection: the latest calls and the waiting
// counts with their congestion level. Pure, so the board's content is tested without a browser.
import Foundation
import MadoCore

/// Builds `GET /v1/display/{id}/state`:
/// `{"display":{"id","title","zone","recentCalls","timeZone"},"calls":[…],"services":[…],"now"}`.
///
/// `calls` are the display's latest calls, newest first, at most `recentCalls`: today's tickets of
/// the display's services whose last call still stands, that is tickets being called, served at a
/// counter, called for pickup, or already served there. A ticket that went back to waiting, was
/// parked, set aside as pending, cancelled or marked a no-show leaves the board, because its number
/// on the board would send the resident to a counter that no longer expects them.
enum DisplayState {
    /// How busy a service is, by its waiting count and the display's thresholds.
    enum Congestion: String, Sendable, Equatable {
        case low, moderate, busy

        /// The word on the board.
        var label: String {
            switch self {
            case .low: "空き"
            case .moderate: "やや混み"
            case .busy: "混雑"
            }
        }

        init(waiting: Int, thresholds: CongestionThresholds) {
            if waiting >= thresholds.busy {
                self = .busy
            } else if waiting >= thresholds.moderate {
                self = .moderate
            } else {
                self = .low
            }
        }
    }

    /// The ticket states whose last call a board keeps showing.
    static let shownStates: Set<TicketState> = [.called, .serving, .pickup, .served]

    /// `config` is nil when the daemon has no queue: the board then shows its heading and clock only.
    static func json(display: DisplayConfiguration, queue: QueueState, config: QueueConfiguration?, now: Date)
        -> JSONValue
    {
        let shown = config.map { config in Self.calls(display: display, queue: queue).map { call($0, config: config) } }
        let rows = config.map { Self.services(display: display, queue: queue, config: $0, now: now) }
        return .object(
            JSONObject([
                (
                    "display",
                    .object(
                        JSONObject([
                            ("id", .string(display.id)), ("title", .string(display.title)),
                            ("zone", .string(display.zone)), ("recentCalls", .number(String(display.recentCalls))),
                            ("timeZone", .string(config?.timeZone.identifier ?? "Asia/Tokyo")),
                        ]))
                ),
                ("calls", .array(shown ?? [])), ("services", .array(rows ?? [])),
                ("now", .string(EventTimestamp.format(now))),
            ]))
    }

    /// The tickets the board lists, newest call first.
    static func calls(display: DisplayConfiguration, queue: QueueState) -> [Ticket] {
        let shown = queue.tickets.values.filter { ticket in
            ticket.lastCalledAt != nil && shownStates.contains(ticket.state) && display.shows(service: ticket.service)
        }
        let newestFirst = shown.sorted { a, b in
            // Two calls in the same millisecond: the later number first, so the order is stable.
            a.lastCalledAt! != b.lastCalledAt! ? a.lastCalledAt! > b.lastCalledAt! : a.id > b.id
        }
        return Array(newestFirst.prefix(display.recentCalls))
    }

    /// One call on the board: `{"number","counter","counterName","service","serviceName","calledAt"}`.
    static func call(_ ticket: Ticket, config: QueueConfiguration) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object(
            JSONObject([
                ("number", .string(ticket.number)), ("counter", text(ticket.counter)),
                ("counterName", text(ticket.counter.map { config.counter($0)?.name ?? $0 })),
                ("service", .string(ticket.service)),
                ("serviceName", .string(config.service(ticket.service)?.name ?? ticket.service)),
                ("calledAt", text(ticket.lastCalledAt.map(EventTimestamp.format))),
            ]))
    }

    /// The same call object from a `ticket.called` event's ticket JSON (what the queue publishes), so
    /// a board adds a call from its event stream exactly as it would from the state.
    static func call(fromTicketEvent ticket: JSONObject) -> JSONValue? {
        guard case .string? = ticket["number"], case .string? = ticket["service"] else { return nil }
        return .object(
            JSONObject([
                ("number", ticket["number"] ?? .null), ("counter", ticket["counter"] ?? .null),
                ("counterName", ticket["counterName"] ?? .null), ("service", ticket["service"] ?? .null),
                ("serviceName", ticket["serviceName"] ?? .null), ("calledAt", ticket["lastCalledAt"] ?? .null),
            ]))
    }

    /// `[{"id","name","waiting","congestion","level","accepting"}]` in the display's order (the
    /// configuration's order when the display shows every service). `accepting` is false when the
    /// service issues no tickets now (outside its hours, or switched off for the day): 受付終了.
    static func services(display: DisplayConfiguration, queue: QueueState, config: QueueConfiguration, now: Date)
        -> [JSONValue]
    {
        let ids = display.services.isEmpty ? config.services.map(\.id) : display.services
        var waiting: [String: Int] = [:]
        for ticket in queue.tickets.values where ticket.state == .waiting { waiting[ticket.service, default: 0] += 1 }
        return ids.map { id in
            let count = waiting[id] ?? 0
            let congestion = Congestion(waiting: count, thresholds: display.congestion)
            return .object(
                JSONObject([
                    ("id", .string(id)), ("name", .string(config.service(id)?.name ?? id)),
                    ("waiting", .number(String(count))), ("congestion", .string(congestion.label)),
                    ("level", .string(congestion.rawValue)),
                    (
                        "accepting",
                        .bool(
                            config.service(id).map { QueueEngine.isIssuing($0, state: queue, config: config, now: now) }
                                ?? false)
                    ),
                ]))
        }
    }
}
