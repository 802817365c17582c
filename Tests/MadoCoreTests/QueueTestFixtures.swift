// SPDX-License-Identifier: Apache-2.0
// Shared fixtures for the queue tests: a small ward office and a harness that runs commands.
import Foundation
import MadoCore

/// A ward office: four services and five counters with different call rules.
func wardConfiguration(
    recallCooldownSeconds: Int = 60, noShowAfterRecalls: Int = 2, noShowReturnMinutes: Int = 60,
    movingNumbers: ClosedRange<Int> = 1...999
) -> QueueConfiguration {
    QueueConfiguration(
        services: [
            ServiceDefinition(
                id: "moving", name: "引越し", prefix: "A", numbers: movingNumbers,
                hours: [OpeningInterval(from: "08:30", to: "17:00")!], defaultServiceMinutes: 20),
            ServiceDefinition(
                id: "certs", name: "証明書", prefix: "B", hours: [OpeningInterval(from: "08:30", to: "17:00")!]),
            ServiceDefinition(id: "health", name: "国保・年金", prefix: "C"),
            ServiceDefinition(
                id: "kids", name: "児童・こども", prefix: "D", hours: [OpeningInterval(from: "08:30", to: "12:00")!],
                weekdays: [2, 3, 4, 5, 6]),
        ],
        counters: [
            CounterDefinition(id: "1", name: "1番窓口", services: ["moving"]),
            CounterDefinition(id: "2", name: "2番窓口", services: ["moving", "certs"]),
            CounterDefinition(id: "3", name: "3番窓口", services: ["certs", "moving"], callRule: .serviceOrder),
            CounterDefinition(
                id: "4", name: "4番窓口", services: ["moving", "certs"],
                callRule: .ratio([
                    ServiceWeight(service: "moving", weight: 2), ServiceWeight(service: "certs", weight: 1),
                ])),
            CounterDefinition(id: "5", name: "5番窓口", services: ["certs", "moving"], callRule: .maxWait(minutes: 30)),
            CounterDefinition(id: "6", name: "国保窓口", services: ["health", "kids"]),
        ],
        recallCooldownSeconds: recallCooldownSeconds, noShowAfterRecalls: noShowAfterRecalls,
        noShowReturnMinutes: noShowReturnMinutes, defaultServiceMinutes: 10)
}

/// An instant given as Japan Standard Time: `jst("2026-12-03 09:00")` or with seconds.
func jst(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
    formatter.dateFormat = text.count > 16 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

/// Runs commands against a growing event log, applying them as the daemon would.
struct QueueHarness {
    var config: QueueConfiguration
    var state = QueueState()
    var log: [QueueEvent] = []
    /// The date part used by `at:` times given as "HH:MM"; 2026-12-03 is a Thursday.
    var date = "2026-12-03"
    private var tokens = 0

    init(config: QueueConfiguration = wardConfiguration()) {
        self.config = config
    }

    func instant(_ time: String) -> Date { time.count > 8 ? jst(time) : jst("\(date) \(time)") }

    @discardableResult
    mutating func run(_ command: QueueCommand, at time: String) throws(QueueError) -> [QueueEvent] {
        let events = try QueueEngine.decide(command, state: state, config: config, now: instant(time))
        for event in events { state.apply(event) }
        log += events
        return events
    }

    /// Issues a ticket and returns its number ("A-001").
    @discardableResult
    mutating func issue(_ service: String, priority: String? = nil, at time: String) throws(QueueError) -> String {
        tokens += 1
        let events = try run(.issue(service: service, priority: priority, token: "token-\(tokens)"), at: time)
        guard case .issued(_, _, _, _, let number, _, _, _) = events.last! else { fatalError("no ticket issued") }
        return number
    }

    /// Calls next at a counter and returns the called number, if any.
    mutating func callNext(_ counter: String, at time: String) throws(QueueError) -> String? {
        let events = try run(.callNext(counter: counter), at: time)
        return QueueEngine.calledTicket(in: events).flatMap { state.tickets[$0]?.number }
    }

    func ticket(_ number: String) -> Ticket { state.ticket(number)! }

    /// The error a command raises, or nil when it succeeds (the state is left unchanged on success too).
    func refusal(_ command: QueueCommand, at time: String) -> QueueError? {
        do {
            _ = try QueueEngine.decide(command, state: state, config: config, now: instant(time))
            return nil
        } catch {
            return error
        }
    }
}
