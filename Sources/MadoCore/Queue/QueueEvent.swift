// SPDX-License-Identifier: Apache-2.0
// Every change to the queue, as stored: the log is the truth, state and KPIs are projections of it.
public import Foundation

/// How a ticket came to be called.
public enum CallMode: String, Sendable, Codable, CaseIterable {
    /// "Call next" chose it.
    case next
    /// Staff called it by number (任意番号呼出).
    case number
    /// Called again (再呼出); the counter stays the same.
    case recall
    /// Its papers are ready: a pending ticket called to collect them (交付).
    case pickup
}

/// One change to the queue. Events carry everything their projection needs (numbers, days, the
/// ratio slot a call used), so replaying the log never consults the configuration or the clock.
///
/// Stored as JSON with a schema version: `{"v":1,"type":"called","at":"2026-12-03T00:01:00.000Z",…}`.
/// Times are whole milliseconds (`EventTimestamp`), so decoding returns an equal event.
public enum QueueEvent: Sendable, Equatable {
    /// A ticket was issued. `number` is the printed number ("A-023"), `sequence` its counter (23).
    case issued(
        at: Date, day: BusinessDay, ticket: String, service: String, number: String, sequence: Int,
        priority: String?, token: String)
    /// The ticket was called to `counter`. `ratioSlot` is the next position in the counter's ratio cycle.
    case called(at: Date, ticket: String, counter: String, mode: CallMode, ratioSlot: Int?)
    /// The resident arrived at the counter.
    case started(at: Date, ticket: String)
    /// Put on hold (保留): out of the queue until called by number or returned.
    case parked(at: Date, ticket: String)
    /// The resident will come back for papers (pending → pickup).
    case pending(at: Date, ticket: String)
    /// Moved to another service's queue, keeping its place by arrival time.
    case transferred(at: Date, ticket: String, service: String)
    /// The resident did not come; `automatic` when the recall limit did it.
    case noShow(at: Date, ticket: String, automatic: Bool)
    /// Back into the queue (a returning no-show goes to the end; a parked ticket keeps its place).
    case returned(at: Date, ticket: String)
    case served(at: Date, ticket: String)
    case cancelled(at: Date, ticket: String)
    case counterOpened(at: Date, counter: String)
    case counterClosed(at: Date, counter: String)
    /// The day-long runtime switch of a service (e.g. 受付終了 when the day's capacity is reached).
    case serviceSwitched(at: Date, service: String, enabled: Bool)
    /// Business day `day` begins: every open ticket is ended by reset. With the same day as before
    /// (a manual reset), open tickets end but numbering continues.
    case dailyReset(at: Date, day: BusinessDay)

    /// The stored schema version.
    public static let schemaVersion = 1

    public var at: Date {
        switch self {
        case .issued(let at, _, _, _, _, _, _, _), .called(let at, _, _, _, _), .started(let at, _),
            .parked(let at, _), .pending(let at, _), .transferred(let at, _, _), .noShow(let at, _, _),
            .returned(let at, _), .served(let at, _), .cancelled(let at, _), .counterOpened(let at, _),
            .counterClosed(let at, _), .serviceSwitched(let at, _, _), .dailyReset(let at, _):
            return at
        }
    }

    /// The ticket the event is about, if any.
    public var ticketID: String? {
        switch self {
        case .issued(_, _, let t, _, _, _, _, _), .called(_, let t, _, _, _), .started(_, let t), .parked(_, let t),
            .pending(_, let t), .transferred(_, let t, _), .noShow(_, let t, _), .returned(_, let t),
            .served(_, let t), .cancelled(_, let t):
            return t
        case .counterOpened, .counterClosed, .serviceSwitched, .dailyReset:
            return nil
        }
    }

    /// The "type" field of the stored JSON, also a good name for server-sent events.
    public var type: String {
        switch self {
        case .issued: "issued"
        case .called: "called"
        case .started: "started"
        case .parked: "parked"
        case .pending: "pending"
        case .transferred: "transferred"
        case .noShow: "noShow"
        case .returned: "returned"
        case .served: "served"
        case .cancelled: "cancelled"
        case .counterOpened: "counterOpened"
        case .counterClosed: "counterClosed"
        case .serviceSwitched: "serviceSwitched"
        case .dailyReset: "dailyReset"
        }
    }
}

extension QueueEvent: Codable {
    private enum Key: String, CodingKey {
        case v, type, at, day, ticket, service, number, sequence, priority, token, counter, mode, ratioSlot,
            automatic, enabled
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let version = try c.decode(Int.self, forKey: .v)
        guard version == Self.schemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .v, in: c, debugDescription: "queue event schema \(version) is not supported (expected 1)")
        }
        let atText = try c.decode(String.self, forKey: .at)
        guard let at = EventTimestamp.parse(atText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .at, in: c, debugDescription: "expected a UTC time like 2026-12-03T00:01:00.000Z")
        }
        func string(_ key: Key) throws -> String { try c.decode(String.self, forKey: key) }
        let type = try string(.type)
        switch type {
        case "issued":
            self = .issued(
                at: at, day: try c.decode(BusinessDay.self, forKey: .day), ticket: try string(.ticket),
                service: try string(.service), number: try string(.number),
                sequence: try c.decode(Int.self, forKey: .sequence),
                priority: try c.decodeIfPresent(String.self, forKey: .priority), token: try string(.token))
        case "called":
            self = .called(
                at: at, ticket: try string(.ticket), counter: try string(.counter),
                mode: try c.decode(CallMode.self, forKey: .mode),
                ratioSlot: try c.decodeIfPresent(Int.self, forKey: .ratioSlot))
        case "started": self = .started(at: at, ticket: try string(.ticket))
        case "parked": self = .parked(at: at, ticket: try string(.ticket))
        case "pending": self = .pending(at: at, ticket: try string(.ticket))
        case "transferred": self = .transferred(at: at, ticket: try string(.ticket), service: try string(.service))
        case "noShow":
            self = .noShow(at: at, ticket: try string(.ticket), automatic: try c.decode(Bool.self, forKey: .automatic))
        case "returned": self = .returned(at: at, ticket: try string(.ticket))
        case "served": self = .served(at: at, ticket: try string(.ticket))
        case "cancelled": self = .cancelled(at: at, ticket: try string(.ticket))
        case "counterOpened": self = .counterOpened(at: at, counter: try string(.counter))
        case "counterClosed": self = .counterClosed(at: at, counter: try string(.counter))
        case "serviceSwitched":
            self = .serviceSwitched(
                at: at, service: try string(.service), enabled: try c.decode(Bool.self, forKey: .enabled))
        case "dailyReset": self = .dailyReset(at: at, day: try c.decode(BusinessDay.self, forKey: .day))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown queue event type \"\(type)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(Self.schemaVersion, forKey: .v)
        try c.encode(type, forKey: .type)
        try c.encode(EventTimestamp.format(at), forKey: .at)
        switch self {
        case .issued(_, let day, let ticket, let service, let number, let sequence, let priority, let token):
            try c.encode(day, forKey: .day)
            try c.encode(ticket, forKey: .ticket)
            try c.encode(service, forKey: .service)
            try c.encode(number, forKey: .number)
            try c.encode(sequence, forKey: .sequence)
            try c.encodeIfPresent(priority, forKey: .priority)
            try c.encode(token, forKey: .token)
        case .called(_, let ticket, let counter, let mode, let ratioSlot):
            try c.encode(ticket, forKey: .ticket)
            try c.encode(counter, forKey: .counter)
            try c.encode(mode, forKey: .mode)
            try c.encodeIfPresent(ratioSlot, forKey: .ratioSlot)
        case .started(_, let ticket), .parked(_, let ticket), .pending(_, let ticket), .returned(_, let ticket),
            .served(_, let ticket), .cancelled(_, let ticket):
            try c.encode(ticket, forKey: .ticket)
        case .transferred(_, let ticket, let service):
            try c.encode(ticket, forKey: .ticket)
            try c.encode(service, forKey: .service)
        case .noShow(_, let ticket, let automatic):
            try c.encode(ticket, forKey: .ticket)
            try c.encode(automatic, forKey: .automatic)
        case .counterOpened(_, let counter), .counterClosed(_, let counter):
            try c.encode(counter, forKey: .counter)
        case .serviceSwitched(_, let service, let enabled):
            try c.encode(service, forKey: .service)
            try c.encode(enabled, forKey: .enabled)
        case .dailyReset(_, let day):
            try c.encode(day, forKey: .day)
        }
    }
}
