// SPDX-License-Identifier: Apache-2.0
// The reference wait range: default without history, how it moves with history and counters, and
// how it compares with Munich ZMS's estimator on a replayed day.
import Foundation
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueWaitEstimatorTests {
    /// Serves one health ticket per duration (minutes) back to back at counter 6 from 08:00.
    static func history(_ minutes: [Int]) throws -> QueueHarness {
        var h = QueueHarness()
        var clock = jst("2026-12-03 08:00")
        for m in minutes {
            try h.run(
                .issue(service: "health", priority: nil, token: "h\(clock.timeIntervalSince1970)"), at: stamp(clock))
            _ = try h.callNext("6", at: stamp(clock))
            clock = clock.addingTimeInterval(Double(m * 60))
            try h.run(.served(ticket: h.state.ticketsInIssueOrder.last!.id), at: stamp(clock))
        }
        return h
    }

    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Tokyo")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }

    @Test func withoutHistoryTheDefaultServiceTimeIsUsed() throws {
        var h = QueueHarness()
        try h.run(.openCounter(counter: "6"), at: "09:00")
        for time in ["09:00", "09:01", "09:02"] { try h.issue("health", at: time) }
        let estimator = WaitEstimator(config: h.config)
        let first = try #require(estimator.estimate(for: h.ticket("C-001"), in: h.state, now: h.instant("09:03")))
        #expect(first == WaitEstimate(minMinutes: 0, maxMinutes: 0, peopleAhead: 0, samples: 0))  // counter 6 is idle
        // Two ahead, one idle counter: called after 2 services of 10 ± 5 min = 20 min, ± 1.28·√(m + m²/n)·σ/c
        // with m = 2, n = 2 (the floor for no history): 1.28·2·5 = 12.8 → 7.2–32.8 → 7–33.
        let third = try #require(estimator.estimate(for: h.ticket("C-003"), in: h.state, now: h.instant("09:03")))
        #expect(third == WaitEstimate(minMinutes: 7, maxMinutes: 33, peopleAhead: 2, samples: 0))
    }

    @Test func steadyServiceTimesGiveANarrowRangeAndVariableOnesAWideOne() throws {
        var steady = try Self.history([6, 6, 6, 6, 6, 6])
        var variable = try Self.history([2, 10, 2, 10, 2, 10])
        for h in [steady, variable] { #expect(h.state.serviceTimes["health"]?.count == 6) }
        for time in ["2026-12-03 09:00", "2026-12-03 09:00", "2026-12-03 09:00"] {
            try steady.issue("health", at: time)
            try variable.issue("health", at: time)
        }
        let now = jst("2026-12-03 09:01")
        let a = WaitEstimator(config: steady.config).estimate(for: steady.ticket("C-009"), in: steady.state, now: now)!
        let b = WaitEstimator(config: variable.config).estimate(
            for: variable.ticket("C-009"), in: variable.state, now: now)!
        // Both means are 6 min; with 2 ahead and the counter idle, called after 2 services: 12 min.
        #expect(a == WaitEstimate(minMinutes: 12, maxMinutes: 12, peopleAhead: 2, samples: 6))
        #expect(b.minMinutes < 12 && b.maxMinutes > 12 && b.samples == 6)
    }

    @Test func moreOpenCountersShortenTheWait() throws {
        var h = QueueHarness()
        for i in 0..<8 { try h.issue("moving", at: "09:0\(i)") }
        try h.run(.openCounter(counter: "1"), at: "09:10")
        let estimator = WaitEstimator(config: h.config)
        let last = h.ticket("A-008")
        let oneCounter = estimator.estimate(for: last, in: h.state, now: h.instant("09:10"))!
        try h.run(.openCounter(counter: "2"), at: "09:10")
        try h.run(.openCounter(counter: "3"), at: "09:10")
        let threeCounters = estimator.estimate(for: last, in: h.state, now: h.instant("09:10"))!
        #expect(threeCounters.maxMinutes < oneCounter.maxMinutes)
        #expect(threeCounters.maxMinutes - threeCounters.minMinutes < oneCounter.maxMinutes - oneCounter.minMinutes)
    }

    @Test func priorityTicketsAreAheadOfOrdinaryOnes() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("moving", priority: "disabled", at: "09:05")
        let estimator = WaitEstimator(config: h.config)
        #expect(estimator.estimate(for: h.ticket("A-001"), in: h.state, now: h.instant("09:06"))?.peopleAhead == 1)
        #expect(estimator.estimate(for: h.ticket("A-002"), in: h.state, now: h.instant("09:06"))?.peopleAhead == 0)
        #expect(
            estimator.estimateForNewTicket(service: "moving", priority: true, in: h.state, now: h.instant("09:06"))
                .peopleAhead == 1)
        #expect(
            estimator.estimateForNewTicket(service: "moving", priority: false, in: h.state, now: h.instant("09:06"))
                .peopleAhead == 2)
        #expect(estimator.estimate(for: h.ticket("A-001"), in: h.state, now: h.instant("09:06")) != nil)
    }

    @Test func oldSamplesLeaveTheWindowOnceThereAreEnoughRecentOnes() throws {
        var h = try Self.history([30, 30, 30, 30, 30])  // 08:00–10:30, slow
        let estimator = WaitEstimator(config: h.config)
        #expect(estimator.serviceTime(for: "health", in: h.state, now: jst("2026-12-03 10:30")).mean == 1800)
        // Five quick services after 15:00: the window (120 min) holds only them at 15:10.
        var clock = jst("2026-12-03 15:00")
        for _ in 0..<5 {
            try h.run(
                .issue(service: "health", priority: nil, token: "q\(clock.timeIntervalSince1970)"),
                at: Self.stamp(clock))
            _ = try h.callNext("6", at: Self.stamp(clock))
            clock = clock.addingTimeInterval(120)
            try h.run(.served(ticket: h.state.ticketsInIssueOrder.last!.id), at: Self.stamp(clock))
        }
        let model = estimator.serviceTime(for: "health", in: h.state, now: clock)
        #expect(model.mean == 120 && model.samples == 5)
    }

    /// Replays a simulated day through the engine (one service, two counters, Poisson-like arrivals,
    /// skewed service times) and scores each estimator by how often the actual wait fell in its range.
    @Test(arguments: [2026, 7, 42] as [UInt64])
    func rangeScoresBetterThanTheZMSFormula(seed: UInt64) throws {
        let config = QueueConfiguration(
            services: [ServiceDefinition(id: "s", name: "住民票", prefix: "S", defaultServiceMinutes: 7)],
            counters: [
                CounterDefinition(id: "1", name: "1", services: ["s"]),
                CounterDefinition(id: "2", name: "2", services: ["s"]),
            ], estimateWindowMinutes: 90, estimateMinimumSamples: 5)
        var random = SplitMix64(seed: seed)
        var state = QueueState()
        let estimator = WaitEstimator(config: config)
        var now = jst("2026-12-03 08:30")
        let close = jst("2026-12-03 16:30")
        var nextArrival = now
        var counterFree: [String: Date] = ["1": now, "2": now]
        var predicted: [String: (ours: WaitEstimate, zms: (Int, Int), issued: Date)] = [:]
        var actual: [String: Double] = [:]
        func run(_ command: QueueCommand) throws -> [QueueEvent] {
            let events = try QueueEngine.decide(command, state: state, config: config, now: now)
            for e in events { state.apply(e) }
            return events
        }
        try _ = run(.openCounter(counter: "1"))
        try _ = run(.openCounter(counter: "2"))
        while now < close.addingTimeInterval(3 * 3600) {
            let nextFree = counterFree.values.min()!
            if nextArrival <= nextFree && nextArrival < close {
                now = nextArrival
                let events = try run(.issue(service: "s", priority: nil, token: "t\(now.timeIntervalSince1970)"))
                let id = events.last!.ticketID!
                let ticket = state.tickets[id]!
                let ours = estimator.estimate(for: ticket, in: state, now: now)!
                predicted[id] = (
                    ours, zmsEstimate(peopleAhead: ours.peopleAhead, state: state, config: config, now: now), now
                )
                nextArrival = now.addingTimeInterval(random.exponential(mean: 210))
            } else {
                now = nextFree
                let counter = counterFree.first { $0.value == nextFree }!.key
                if let called = QueueEngine.calledTicket(in: try run(.callNext(counter: counter))) {
                    actual[called] = now.timeIntervalSince(predicted[called]!.issued) / 60
                    // Skewed service times: mostly 4–8 min, sometimes 15–25 (a complicated 転入).
                    let minutes = random.unit() < 0.15 ? 15 + 10 * random.unit() : 4 + 4 * random.unit()
                    counterFree[counter] = now.addingTimeInterval(minutes * 60)
                } else {
                    counterFree[counter] = now.addingTimeInterval(30)
                    if nextArrival >= close && state.tickets.values.allSatisfy({ $0.state != .waiting }) { break }
                }
            }
        }
        #expect(actual.count > 100)
        func covered(_ range: (Int, Int), _ minutes: Double) -> Bool {
            minutes >= Double(range.0) - 0.5 && minutes <= Double(range.1) + 0.5
        }
        let scored = actual.compactMap { id, minutes in predicted[id].map { ($0, minutes) } }
        let oursCovered = scored.filter { covered(($0.0.ours.minMinutes, $0.0.ours.maxMinutes), $0.1) }.count
        let zmsCovered = scored.filter { covered($0.0.zms, $0.1) }.count
        let oursWidth =
            scored.reduce(0.0) { $0 + Double($1.0.ours.maxMinutes - $1.0.ours.minMinutes) } / Double(scored.count)
        let zmsWidth = scored.reduce(0.0) { $0 + Double($1.0.zms.1 - $1.0.zms.0) } / Double(scored.count)
        let oursRate = Double(oursCovered) / Double(scored.count)
        let zmsRate = Double(zmsCovered) / Double(scored.count)
        // Interval score for a central 80 % range (Gneiting & Raftery 2007): width plus 10× each miss.
        func intervalScore(_ range: (Int, Int), _ minutes: Double) -> Double {
            let (l, u) = (Double(range.0), Double(range.1))
            return (u - l) + 10 * max(0, l - minutes) + 10 * max(0, minutes - u)
        }
        let oursScore = scored.reduce(0.0) { $0 + intervalScore(($1.0.ours.minMinutes, $1.0.ours.maxMinutes), $1.1) }
        let zmsScore = scored.reduce(0.0) { $0 + intervalScore($1.0.zms, $1.1) }
        print(
            "wait estimate interval score: ours \(oursScore / Double(scored.count)), ZMS \(zmsScore / Double(scored.count))"
        )
        print(
            "wait estimate coverage: ours \(oursRate) (mean width \(oursWidth) min), ZMS \(zmsRate) (mean width \(zmsWidth) min), \(scored.count) tickets"
        )
        #expect(oursScore < zmsScore)
        #expect(oursRate > zmsRate)
    }

    /// Munich ZMS's estimator (QueueList::withEstimatedWaitingTime): slot = mean service time ÷
    /// counters; pessimistic = position·slot; optimistic = 0.8·slot per position beyond the counters.
    func zmsEstimate(peopleAhead: Int, state: QueueState, config: QueueConfiguration, now: Date) -> (Int, Int) {
        let mean = WaitEstimator(config: config).serviceTime(for: "s", in: state, now: now).mean / 60
        let counters = max(1, state.counters.values.filter(\.isOpen).count)
        let slot = mean / Double(counters)
        let pessimistic = Double(peopleAhead) * slot
        let optimistic = Double(max(0, peopleAhead - counters + 1)) * 0.8 * slot
        return (Int(optimistic.rounded(.down)), Int(pessimistic.rounded(.up)))
    }
}
