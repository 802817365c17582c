// SPDX-License-Identifier: Apache-2.0
// A numbered ticket of the current business day, as the queue projection sees it.
public import Foundation

/// Where a ticket is in its visit. `served`, `cancelled` and `reset` are final; `noShow` is final
/// unless the ticket is returned within the tolerance window.
public enum TicketState: String, Sendable, Codable, CaseIterable {
    case waiting, called, serving, parked, pending, pickup, noShow, served, cancelled, reset

    /// The words used in refusals: "ticket A-023 is served; it cannot be recalled".
    public var phrase: String {
        switch self {
        case .waiting: "waiting"
        case .called: "called"
        case .serving: "being served"
        case .parked: "parked"
        case .pending: "pending (papers being prepared)"
        case .pickup: "called for pickup"
        case .noShow: "a no-show"
        case .served: "served"
        case .cancelled: "cancelled"
        case .reset: "closed by the daily reset"
        }
    }

    /// Whether a counter is attending to the ticket right now.
    public var isAtCounter: Bool { self == .called || self == .serving || self == .pickup }

    /// Whether the ticket still counts as open at the daily reset.
    public var isOpen: Bool { self != .served && self != .cancelled && self != .reset && self != .noShow }
}

/// How a visit ended, following Qmatic's transaction outcomes.
public enum TicketOutcome: String, Sendable, Codable {
    case served, noShow, cancelled, removedByReset
}

/// One ticket. Values only: the projection (`QueueState`) owns and updates them.
public struct Ticket: Sendable, Equatable {
    /// Opaque and stable across days: "20261203-A-023".
    public let id: String
    public let day: BusinessDay
    /// The printed number, "A-023".
    public let number: String
    public let sequence: Int
    /// The service whose queue the ticket is in now (changes on transfer).
    public internal(set) var service: String
    /// The service the ticket was issued for.
    public let issuedService: String
    /// The priority category ("elderly", …) or nil for an ordinary ticket.
    public let priority: String?
    /// The status-page token printed as a QR code. Never exported.
    public let token: String
    public let issuedAt: Date
    /// The ticket's place in its queue: the arrival time, kept on transfer; moved to the end when a
    /// no-show or a called ticket is returned.
    public internal(set) var queuedAt: Date
    /// When the ticket joined its current service's queue (issue or transfer), for waiting-time KPIs.
    public internal(set) var enteredServiceAt: Date
    public internal(set) var state: TicketState
    public internal(set) var callCount: Int
    /// Recalls since the last call that was not a recall; drives the no-show limit.
    public internal(set) var recallCount: Int
    public internal(set) var lastCalledAt: Date?
    /// The counter that called it last.
    public internal(set) var counter: String?
    public internal(set) var noShowAt: Date?
    public internal(set) var transferCount: Int
    /// When the ticket reached a final state.
    public internal(set) var endedAt: Date?

    public var isPriority: Bool { priority != nil }

    public var outcome: TicketOutcome? {
        switch state {
        case .served: .served
        case .noShow: .noShow
        case .cancelled: .cancelled
        case .reset: .removedByReset
        default: nil
        }
    }
}
