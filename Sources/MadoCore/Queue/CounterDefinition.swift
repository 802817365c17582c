// SPDX-License-Identifier: Apache-2.0
// One counter (窓口), the services it handles and the rule that picks its next ticket.

/// A counter staff call tickets to.
public struct CounterDefinition: Sendable, Equatable {
    public var id: String
    /// The name shown and announced, e.g. "3番窓口".
    public var name: String
    /// The services this counter calls from, in the order `CallRule.serviceOrder` uses.
    public var services: [String]
    public var callRule: CallRule

    public init(id: String, name: String, services: [String], callRule: CallRule = .longestWait) {
        self.id = id
        self.name = name
        self.services = services
        self.callRule = callRule
    }
}

/// How "call next" chooses among the waiting tickets of a counter's services.
///
/// Under every rule a priority ticket (優先) goes before ordinary tickets of the same service; only
/// `maxWait` lets an ordinary ticket that has waited too long overtake it.
public enum CallRule: Sendable, Equatable {
    /// The ticket that has waited longest across all the counter's services (priority tickets first).
    case longestWait
    /// The counter's services in their listed order: the first service with anyone waiting.
    case serviceOrder
    /// Services in a weighted cycle, e.g. A, A, B for weights A: 2, B: 1; empty services are skipped.
    case ratio([ServiceWeight])
    /// Anyone who has waited more than `minutes` first (longest first); otherwise `serviceOrder`.
    case maxWait(minutes: Int)
}

/// One service's share in a `CallRule.ratio` cycle.
public struct ServiceWeight: Sendable, Equatable {
    public var service: String
    public var weight: Int

    public init(service: String, weight: Int) {
        self.service = service
        self.weight = weight
    }
}
