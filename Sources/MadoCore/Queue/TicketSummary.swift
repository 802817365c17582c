// SPDX-License-Identifier: Apache-2.0
// The public view of one ticket, as the API and the status page return it.
public import Foundation

/// What the API returns for a ticket. Contains no status token and nothing personal.
public struct TicketSummary: Sendable, Equatable, Encodable {
    public let id: String
    public let number: String
    public let service: String
    public let serviceName: String
    public let state: TicketState
    public let priority: String?
    public let issuedAt: Date
    public let callCount: Int
    public let lastCalledAt: Date?
    public let counter: String?
    /// Only for waiting tickets.
    public let peopleAhead: Int?
    public let estimate: WaitEstimate?

    /// The summary of `ticket` at `now`, with its estimate when it is waiting.
    public init(_ ticket: Ticket, in state: QueueState, config: QueueConfiguration, now: Date) {
        id = ticket.id
        number = ticket.number
        service = ticket.service
        serviceName = config.service(ticket.service)?.name ?? ticket.service
        self.state = ticket.state
        priority = ticket.priority
        issuedAt = ticket.issuedAt
        callCount = ticket.callCount
        lastCalledAt = ticket.lastCalledAt
        counter = ticket.counter
        estimate = WaitEstimator(config: config).estimate(for: ticket, in: state, now: now)
        peopleAhead = estimate?.peopleAhead
    }

    /// The JSON object, keys in the documented order:
    /// `{"id","number","service","serviceName","state","priority","issuedAt","callCount","lastCalledAt",
    /// "counter","peopleAhead","estimate":{"minMinutes","maxMinutes"}}`; absent values are null.
    public var jsonValue: JSONValue {
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func int(_ n: Int?) -> JSONValue { n.map { .number(String($0)) } ?? .null }
        var estimateValue = JSONValue.null
        if let estimate {
            estimateValue = .object(
                JSONObject([
                    ("minMinutes", .number(String(estimate.minMinutes))),
                    ("maxMinutes", .number(String(estimate.maxMinutes))),
                ]))
        }
        return .object(
            JSONObject([
                ("id", .string(id)), ("number", .string(number)), ("service", .string(service)),
                ("serviceName", .string(serviceName)), ("state", .string(state.rawValue)),
                ("priority", text(priority)), ("issuedAt", .string(EventTimestamp.format(issuedAt))),
                ("callCount", int(callCount)), ("lastCalledAt", text(lastCalledAt.map(EventTimestamp.format))),
                ("counter", text(counter)), ("peopleAhead", int(peopleAhead)), ("estimate", estimateValue),
            ]))
    }

    private enum Key: String, CodingKey {
        case id, number, service, serviceName, state, priority, issuedAt, callCount, lastCalledAt, counter,
            peopleAhead, estimate, minMinutes, maxMinutes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(service, forKey: .service)
        try c.encode(serviceName, forKey: .serviceName)
        try c.encode(state, forKey: .state)
        try c.encode(priority, forKey: .priority)
        try c.encode(EventTimestamp.format(issuedAt), forKey: .issuedAt)
        try c.encode(callCount, forKey: .callCount)
        try c.encode(lastCalledAt.map(EventTimestamp.format), forKey: .lastCalledAt)
        try c.encode(counter, forKey: .counter)
        try c.encode(peopleAhead, forKey: .peopleAhead)
        if let estimate {
            var e = c.nestedContainer(keyedBy: Key.self, forKey: .estimate)
            try e.encode(estimate.minMinutes, forKey: .minMinutes)
            try e.encode(estimate.maxMinutes, forKey: .maxMinutes)
        } else {
            try c.encodeNil(forKey: .estimate)
        }
    }
}
