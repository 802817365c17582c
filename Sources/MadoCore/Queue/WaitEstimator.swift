// SPDX-License-Identifier: Apache-2.0
// A reference (参考値) wait range for a waiting ticket, from recent service times and open counters.
public import Foundation

/// A wait range in whole minutes, shown as a reference, never as a promise.
public struct WaitEstimate: Sendable, Equatable {
    public let minMinutes: Int
    public let maxMinutes: Int
    /// Waiting tickets of the same service that will be called first (priority ones included).
    public let peopleAhead: Int
    /// How many measured service times the range rests on; 0 means the configured default was used.
    public let samples: Int
}

/// Estimates waits with a multi-server queue approximation, in the spirit of Munich ZMS's estimator
/// (service time ÷ counters per place in line) but using the spread of recent service times:
///
/// - the service time's mean μ and standard deviation σ come from the service's recent times
///   (the last `estimateWindowMinutes`, at least `estimateMinimumSamples` of the newest);
/// - with k people ahead, f idle open counters and c open counters for the service, the ticket is
///   called after m = k + 1 − f departures; a departure comes every μ/c on average and the first
///   is already half done, so the expected wait is (m − ½)·μ/c;
/// - the sum of m service times has deviation √m·σ, so the range is that expectation ± 1.28·√m·σ/c
///   (roughly the 10th to 90th percentile): it widens as service times vary more and as the
///   line grows, and narrows as counters open.
///
/// With no history the configured default service time is used with σ = μ/2.
public struct WaitEstimator: Sendable {
    public let config: QueueConfiguration
    /// The z-score of the range's ends (1.28 ≈ 10th/90th percentile of a normal).
    public var spread: Double = 1.28

    public init(config: QueueConfiguration) {
        self.config = config
    }

    /// The service time model of one service at `now`: mean and deviation in seconds, sample count.
    public func serviceTime(
        for service: String, in state: QueueState, now: Date
    ) -> (mean: Double, deviation: Double, samples: Int) {
        let all = state.serviceTimes[service] ?? []
        let windowStart = now.addingTimeInterval(-Double(config.estimateWindowMinutes * 60))
        var recent = all.filter { $0.endedAt >= windowStart && $0.endedAt <= now }
        if recent.count < config.estimateMinimumSamples {
            recent = Array(all.filter { $0.endedAt <= now }.suffix(config.estimateMinimumSamples))
        }
        guard !recent.isEmpty else {
            let mean = config.defaultServiceSeconds(for: service)
            return (mean, mean / 2, 0)
        }
        let n = Double(recent.count)
        let mean = recent.reduce(0) { $0 + $1.seconds } / n
        guard recent.count > 1 else { return (mean, mean / 2, 1) }
        let variance = recent.reduce(0) { $0 + ($1.seconds - mean) * ($1.seconds - mean) } / (n - 1)
        return (mean, variance.squareRoot(), recent.count)
    }

    /// The estimate for one waiting ticket; nil when the ticket is not waiting.
    public func estimate(for ticket: Ticket, in state: QueueState, now: Date) -> WaitEstimate? {
        guard ticket.state == .waiting else { return nil }
        let ahead = state.tickets.values.reduce(0) { count, other in
            other.state == .waiting && other.service == ticket.service && other.id != ticket.id
                && QueueState.callsBefore(other, ticket) ? count + 1 : count
        }
        return estimate(service: ticket.service, peopleAhead: ahead, in: state, now: now)
    }

    /// Estimates for every waiting ticket of a service at once (O(n log n)), keyed by ticket id.
    public func estimates(service: String, in state: QueueState, now: Date) -> [String: WaitEstimate] {
        var result: [String: WaitEstimate] = [:]
        for (position, ticket) in state.waiting(service: service).enumerated() {
            result[ticket.id] = estimate(service: service, peopleAhead: position, in: state, now: now)
        }
        return result
    }

    /// The estimate for a ticket about to be issued (the kiosk shows it before printing).
    public func estimateForNewTicket(service: String, priority: Bool, in state: QueueState, now: Date) -> WaitEstimate {
        let ahead = state.tickets.values.reduce(0) { count, other in
            other.state == .waiting && other.service == service && (!priority || other.isPriority) ? count + 1 : count
        }
        return estimate(service: service, peopleAhead: ahead, in: state, now: now)
    }

    /// The estimate for the person with `peopleAhead` ahead of them in `service`.
    public func estimate(service: String, peopleAhead: Int, in state: QueueState, now: Date) -> WaitEstimate {
        let model = serviceTime(for: service, in: state, now: now)
        let handling = config.counters(handling: service).map(\.id)
        let open = handling.filter { state.counters[$0]?.isOpen == true }
        let idle = open.filter { id in
            guard let current = state.counters[id]?.currentTicket else { return true }
            return state.tickets[current]?.state.isAtCounter != true
        }
        // Nobody open yet (morning): assume the configured counters will open.
        let servers = Double(max(1, open.isEmpty ? handling.count : open.count))
        let departures = Double(max(0, peopleAhead + 1 - idle.count))
        guard departures > 0 else {
            return WaitEstimate(minMinutes: 0, maxMinutes: 0, peopleAhead: peopleAhead, samples: model.samples)
        }
        let expected = (departures - 0.5) * model.mean / servers
        let halfWidth = spread * departures.squareRoot() * model.deviation / servers
        let low = max(0, expected - halfWidth) / 60
        let high = (expected + halfWidth) / 60
        return WaitEstimate(
            minMinutes: Int(low.rounded(.down)), maxMinutes: max(Int(high.rounded(.up)), Int(low.rounded(.down))),
            peopleAhead: peopleAhead, samples: model.samples)
    }
}
