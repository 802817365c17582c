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

    public init(minMinutes: Int, maxMinutes: Int, peopleAhead: Int, samples: Int) {
        self.minMinutes = minMinutes
        self.maxMinutes = maxMinutes
        self.peopleAhead = peopleAhead
        self.samples = samples
    }
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
        let model = ServiceTimeModel(
            samples: recentServiceTimes(for: service, in: state, now: now),
            defaultSeconds: config.defaultServiceSeconds(for: service))
        return (model.mean, model.deviation, model.sampleCount)
    }

    /// The service times (seconds) the estimate rests on: the window's, or the newest few.
    func recentServiceTimes(for service: String, in state: QueueState, now: Date) -> [Double] {
        let all = state.serviceTimes[service] ?? []
        let windowStart = now.addingTimeInterval(-Double(config.estimateWindowMinutes * 60))
        var recent = all.filter { $0.endedAt >= windowStart && $0.endedAt <= now }
        if recent.count < config.estimateMinimumSamples {
            recent = Array(all.filter { $0.endedAt <= now }.suffix(config.estimateMinimumSamples))
        }
        return recent.map(\.seconds)
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

    /// Estimates for every waiting ticket of a service at once (O(n log n)), keyed by ticket id: one
    /// simulation advanced a person at a time, rather than one simulation per ticket (O(n²)).
    public func estimates(service: String, in state: QueueState, now: Date) -> [String: WaitEstimate] {
        let ids = state.waitingIDs(service: service)
        return Dictionary(
            uniqueKeysWithValues: zip(ids, estimates(service: service, count: ids.count, in: state, now: now)))
    }

    /// The estimates of the first `count` people waiting for `service`, in call order, for a caller
    /// that already knows who they are (a list builder's own pass over the day).
    public func estimates(service: String, count: Int, in state: QueueState, now: Date) -> [WaitEstimate] {
        var line = self.line(service: service, in: state, now: now)
        return (0..<count).map { _ in line.next() }
    }

    /// The estimates of `service`'s queue as it stands, one place at a time: a small value that can
    /// be taken from the state and used elsewhere (a list is built off the queue's actor).
    public func line(service: String, in state: QueueState, now: Date) -> WaitLine {
        WaitLine(simulation: simulation(service: service, in: state, now: now))
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
        var simulation = self.simulation(service: service, in: state, now: now)
        for _ in 0..<peopleAhead { simulation.advance() }
        return simulation.estimate()
    }

    /// The counters of `service` as they are now, before anyone ahead has been served.
    func simulation(service: String, in state: QueueState, now: Date) -> CounterSimulation {
        let model = ServiceTimeModel(
            samples: recentServiceTimes(for: service, in: state, now: now),
            defaultSeconds: config.defaultServiceSeconds(for: service))
        let handling = config.counters(handling: service).map(\.id)
        let open = handling.filter { state.counters[$0]?.isOpen == true }
        // When each counter is next free, in seconds from now: idle ones now, busy ones after the
        // expected rest of their current service given how long it has already taken.
        var freeAt: [Double] = []
        for id in open {
            if let current = state.counters[id]?.currentTicket, let ticket = state.tickets[current],
                ticket.state.isAtCounter, let called = ticket.lastCalledAt
            {
                freeAt.append(
                    ticket.state == .pickup ? 60 : model.expectedRemainder(after: now.timeIntervalSince(called)))
            } else {
                freeAt.append(0)
            }
        }
        // Nobody open yet (morning): assume the configured counters open, half a service from now.
        if freeAt.isEmpty { freeAt = Array(repeating: model.mean / 2, count: max(1, handling.count)) }
        return CounterSimulation(model: model, freeAt: freeAt, spread: spread)
    }
}

/// A service's queue in call order: `next()` is the estimate of the person at the head, then of the
/// one behind, and so on.
public struct WaitLine: Sendable {
    var simulation: CounterSimulation

    public mutating func next() -> WaitEstimate {
        defer { simulation.advance() }
        return simulation.estimate()
    }
}

/// The counters' next free times for one service, advanced one person ahead at a time.
struct CounterSimulation: Sendable {
    let model: ServiceTimeModel
    var freeAt: [Double]
    let idle: Int
    let spread: Double
    private(set) var peopleAhead = 0

    init(model: ServiceTimeModel, freeAt: [Double], spread: Double) {
        self.model = model
        self.freeAt = freeAt
        self.spread = spread
        idle = freeAt.filter { $0 == 0 }.count
    }

    /// One more person ahead takes a counter as it frees up, for a mean service time.
    mutating func advance() {
        let i = freeAt.indices.min { freeAt[$0] < freeAt[$1] }!
        freeAt[i] += model.mean
        peopleAhead += 1
    }

    /// The estimate for the person behind everyone advanced so far.
    func estimate() -> WaitEstimate {
        let expected = freeAt.min()!
        // The uncertainty grows with the m services that must end first: their own spread (m·σ²) and
        // the error of the mean they were estimated with (m²·σ²/n), over c counters.
        let departures = Double(max(0, peopleAhead + 1 - idle))
        let meanError = departures * departures / Double(max(2, model.sampleCount))
        let halfWidth =
            spread * (departures + meanError).squareRoot() * model.deviation / Double(freeAt.count)
        let low = max(0, expected - halfWidth) / 60
        let high = (expected + halfWidth) / 60
        return WaitEstimate(
            minMinutes: Int(low.rounded(.down)), maxMinutes: max(Int(high.rounded(.up)), Int(low.rounded(.down))),
            peopleAhead: peopleAhead, samples: model.sampleCount)
    }
}

/// Mean, deviation and conditional remainder of a service's recent service times.
struct ServiceTimeModel: Sendable {
    let samples: [Double]
    let mean: Double
    let deviation: Double
    var sampleCount: Int { samples.count }

    init(samples: [Double], defaultSeconds: Double) {
        self.samples = samples
        guard !samples.isEmpty else {
            mean = defaultSeconds
            deviation = defaultSeconds / 2
            return
        }
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        self.mean = mean
        if samples.count > 1 {
            deviation = (samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        } else {
            deviation = mean / 2
        }
    }

    /// The expected rest of a service that has already taken `elapsed` seconds: the mean excess of
    /// the longer past services; a service longer than all of them is taken to be nearly done.
    func expectedRemainder(after elapsed: Double) -> Double {
        let longer = samples.filter { $0 > elapsed }
        guard !longer.isEmpty else {
            return samples.isEmpty ? max(mean - elapsed, mean / 2) : max(60, mean / 4)
        }
        return longer.reduce(0) { $0 + ($1 - elapsed) } / Double(longer.count)
    }
}
