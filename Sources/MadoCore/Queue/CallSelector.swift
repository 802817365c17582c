// SPDX-License-Identifier: Apache-2.0
// Picks the ticket "call next" calls, by the counter's call rule.
public import Foundation

/// The outcome of a call-next choice: the ticket and, under a ratio rule, the cycle's next slot.
public struct CallChoice: Sendable, Equatable {
    public let ticket: Ticket
    public let nextRatioSlot: Int?
}

/// Applies a counter's `CallRule` to the waiting tickets. Pure; O(waiting tickets) per call.
public enum CallSelector {
    /// `skipping`: waiting tickets not to call yet (a kiosk is still printing them).
    public static func choose(
        for counter: CounterDefinition, ratioSlot: Int, in state: QueueState, now: Date,
        skipping: Set<String> = []
    ) -> CallChoice? {
        let handled = Set(counter.services)
        var heads: [String: Ticket] = [:]
        var overdueCandidates: [Ticket] = []
        for ticket in state.tickets.values
        where ticket.state == .waiting && handled.contains(ticket.service) && !skipping.contains(ticket.id) {
            if let head = heads[ticket.service], !QueueState.callsBefore(ticket, head) { continue }
            heads[ticket.service] = ticket
        }
        guard !heads.isEmpty else { return nil }

        func longestWait() -> CallChoice? {
            heads.values.min(by: QueueState.callsBefore).map { CallChoice(ticket: $0, nextRatioSlot: nil) }
        }
        func inServiceOrder() -> CallChoice? {
            for service in counter.services {
                if let head = heads[service] { return CallChoice(ticket: head, nextRatioSlot: nil) }
            }
            return nil
        }

        switch counter.callRule {
        case .longestWait:
            return longestWait()
        case .serviceOrder:
            return inServiceOrder()
        case .maxWait(let minutes):
            let limit = now.addingTimeInterval(-Double(minutes * 60))
            for ticket in state.tickets.values
            where ticket.state == .waiting && handled.contains(ticket.service) && ticket.queuedAt < limit
                && !skipping.contains(ticket.id)
            {
                overdueCandidates.append(ticket)
            }
            // Among the overdue, priority no longer matters: the longest wait goes first.
            if let oldest = overdueCandidates.min(by: { ($0.queuedAt, $0.id) < ($1.queuedAt, $1.id) }) {
                return CallChoice(ticket: oldest, nextRatioSlot: nil)
            }
            return inServiceOrder()
        case .ratio(let weights):
            let slots = weights.flatMap { Array(repeating: $0.service, count: max(0, $0.weight)) }
            guard !slots.isEmpty else { return longestWait() }
            let start = ((ratioSlot % slots.count) + slots.count) % slots.count
            for k in 0..<slots.count {
                let i = (start + k) % slots.count
                if let head = heads[slots[i]] { return CallChoice(ticket: head, nextRatioSlot: (i + 1) % slots.count) }
            }
            // Only services outside the cycle have anyone waiting.
            return longestWait()
        }
    }
}
