// SPDX-License-Identifier: Apache-2.0
// What the projection knows about one counter: open or closed, whom it is attending.
public import Foundation

/// A counter's live state. Counters appear in `QueueState` once an event names them.
public struct CounterState: Sendable, Equatable {
    public let id: String
    public internal(set) var isOpen: Bool
    /// The ticket called, being served or called for pickup at this counter.
    public internal(set) var currentTicket: String?
    /// The next position in the counter's `CallRule.ratio` cycle.
    public internal(set) var ratioSlot: Int
    public internal(set) var openedAt: Date?
}

/// One measured service time (call → end of the transaction) of a service.
public struct ServiceTimeSample: Sendable, Equatable {
    public let endedAt: Date
    public let seconds: Double
}
