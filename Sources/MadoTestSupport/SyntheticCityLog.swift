// SPDX-License-Identifier: Apache-2.0
// A synthetic city's queue event log, shared by the KPI tests and mado-bench's KPI export benchmark.
import Foundation
public import MadoCore

public enum SyntheticCityLog {
    /// A deterministic event log: `days` business days, `wards` wards with 5 services each, and
    /// `ticketsPerDay` tickets a day across them, each issued, called and served (every 20th a no-show,
    /// every 50th transferred then served, every 100th left open for the reset).
    public static func make(days: Int, wards: Int, ticketsPerDay: Int) -> (QueueConfiguration, [QueueEvent]) {
        let kinds = ["moving", "certs", "health", "kids", "tax"]
        var services: [ServiceDefinition] = []
        var counters: [CounterDefinition] = []
        for w in 0..<wards {
            for (k, kind) in kinds.enumerated() {
                let letter = String(UnicodeScalar(UInt8(65 + w * kinds.count + k)))
                services.append(ServiceDefinition(id: "w\(w)-\(kind)", name: "\(kind) \(w)", prefix: letter))
                counters.append(
                    CounterDefinition(id: "w\(w)-\(k)", name: "窓口 \(w)-\(k)", services: ["w\(w)-\(kind)"]))
            }
        }
        let config = QueueConfiguration(services: services, counters: counters)
        var events: [QueueEvent] = []
        events.reserveCapacity(days * ticketsPerDay * 4 + days)
        let calendar = config.calendar
        var day = BusinessDay(year: 2026, month: 4, day: 1)
        for _ in 0..<days {
            let start = calendar.start(of: day)
            events.append(.dailyReset(at: start, day: day))
            let open = start.addingTimeInterval(5.5 * 3600)  // 08:30
            var sequence: [Int] = Array(repeating: 0, count: services.count)
            for i in 0..<ticketsPerDay {
                let s = (i * 7) % services.count
                sequence[s] += 1
                let service = services[s]
                let number = service.numberText(sequence[s])
                let id = "\(day.compact)-\(number)"
                let issued = open.addingTimeInterval(Double(i) * 28_800 / Double(ticketsPerDay))
                let called = issued.addingTimeInterval(Double(60 + (i * 37) % 1800))
                let ended = called.addingTimeInterval(Double(120 + (i * 53) % 900))
                events.append(
                    .issued(
                        at: issued, day: day, ticket: id, service: service.id, number: number,
                        sequence: sequence[s], priority: i % 30 == 0 ? "elderly" : nil, token: "t\(i)"))
                if i % 100 == 99 { continue }
                events.append(.called(at: called, ticket: id, counter: counters[s].id, mode: .next, ratioSlot: nil))
                if i % 20 == 19 {
                    events.append(.noShow(at: ended, ticket: id, automatic: true))
                } else if i % 50 == 0 {
                    let other = services[(s + 1) % services.count].id
                    events.append(.transferred(at: ended, ticket: id, service: other))
                    events.append(.served(at: ended.addingTimeInterval(600), ticket: id))
                } else {
                    events.append(.served(at: ended, ticket: id))
                }
            }
            day = calendar.businessDay(of: calendar.start(of: day).addingTimeInterval(36 * 3600))
        }
        events.sort { $0.at < $1.at }
        return (config, events)
    }
}
