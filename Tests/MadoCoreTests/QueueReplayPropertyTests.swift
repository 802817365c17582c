// SPDX-License-Identifier: Apache-2.0
// Property: replaying the log gives the state built incrementally, over random command sequences.
import Foundation
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueReplayPropertyTests {
    static func randomCommand(_ random: inout SplitMix64, state: QueueState, config: QueueConfiguration, serial: Int)
        -> QueueCommand
    {
        let services = config.services.map(\.id)
        let counters = config.counters.map(\.id)
        let tickets = state.ticketsInIssueOrder.map(\.number) + ["Z-999"]
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        switch random.next() % 17 {
        case 0, 1, 2, 3:
            return .issue(
                service: pick(services), priority: random.next() % 5 == 0 ? "elderly" : nil, token: "tok-\(serial)")
        case 4, 5, 6: return .callNext(counter: pick(counters))
        case 7: return .callNumber(counter: pick(counters), number: pick(tickets))
        case 8: return .recall(ticket: pick(tickets))
        case 9: return .start(ticket: pick(tickets))
        case 10: return random.next() % 2 == 0 ? .park(ticket: pick(tickets)) : .pending(ticket: pick(tickets))
        case 11: return .transfer(ticket: pick(tickets), service: pick(services))
        case 12: return .noShow(ticket: pick(tickets))
        case 13: return .returnToQueue(ticket: pick(tickets))
        case 14: return random.next() % 3 == 0 ? .cancel(ticket: pick(tickets)) : .served(ticket: pick(tickets))
        case 15:
            switch random.next() % 4 {
            case 0: return .closeCounter(counter: pick(counters))
            case 1: return .openCounter(counter: pick(counters))
            case 2: return .setServiceEnabled(service: pick(services), enabled: random.next() % 2 == 0)
            default: return .reset
            }
        default: return .served(ticket: pick(tickets))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func replayEqualsIncrementalApplication(seed: UInt64) throws {
        let config = wardConfiguration(movingNumbers: 1...40)
        var random = SplitMix64(seed: seed)
        var state = QueueState()
        var log: [QueueEvent] = []
        var now = jst("2026-12-03 08:30")
        var refusals: [QueueError.Kind: Int] = [:]
        for serial in 0..<1_500 {
            // Mostly seconds to minutes apart, now and then a jump over the 03:00 reset.
            now = now.addingTimeInterval(random.next() % 200 == 0 ? 14 * 3600 : Double(random.next() % 240))
            let command = Self.randomCommand(&random, state: state, config: config, serial: serial)
            do {
                let events = try QueueEngine.decide(command, state: state, config: config, now: now)
                for event in events { state.apply(event) }
                log += events
            } catch {
                refusals[error.kind, default: 0] += 1
            }
            // Invariants a display relies on: a counter attends to at most one ticket, which is at it.
            for counter in state.counters.values {
                if let current = counter.currentTicket, let ticket = state.tickets[current] {
                    #expect(ticket.state.isAtCounter && ticket.counter == counter.id)
                }
            }
        }
        #expect(log.count > 300)
        #expect(refusals[.invalidTransition, default: 0] > 0 && refusals[.notFound, default: 0] > 0)
        #expect(QueueState.replay(log) == state)
        // And through the stored JSON form.
        let decoded = try log.map { try QueueEvent(storageJSON: $0.storageJSON()) }
        #expect(QueueState.replay(decoded) == state)
        // Numbers are unique within each business day.
        var seen: Set<String> = []
        for case .issued(_, let day, _, _, let number, _, _, _) in log {
            #expect(seen.insert("\(day) \(number)").inserted)
        }
        // KPIs over the same log: every issued ticket is counted once.
        let issued = KPICalculator(config: config).daily(log).reduce(0) { $0 + $1.issued }
        #expect(issued == seen.count)
    }
}
