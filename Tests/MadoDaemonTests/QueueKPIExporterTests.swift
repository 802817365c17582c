// SPDX-License-Identifier: Apache-2.0
// The KPI export reads finished days from its cache and computes only the current one, and the
// result is the same text as computing the whole span from the log at once.
import Foundation
import MadoCore
import MadoStore
import MadoTestThreads
import Testing

@testable import MadoDaemon

@Suite(.ownThread) struct QueueKPIExporterTests {
    static let config = QueueConfiguration(
        services: [
            ServiceDefinition(id: "moving", name: "引越し", prefix: "A"),
            ServiceDefinition(id: "certificates", name: "証明書, 各種", prefix: "B"),
        ],
        counters: [
            CounterDefinition(id: "1", name: "1番窓口", services: ["moving"]),
            CounterDefinition(id: "2", name: "2番窓口", services: ["certificates", "moving"]),
        ])
    static let firstDay = BusinessDay(year: 2026, month: 12, day: 1)

    /// Three business days of traffic built with the engine itself; the last day is still open.
    static func log() throws -> (events: [QueueEvent], days: [BusinessDay]) {
        var state = QueueState()
        var events: [QueueEvent] = []
        var days: [BusinessDay] = []
        let calendar = config.calendar
        var day = firstDay
        func run(_ command: QueueCommand, at time: Date) throws {
            let produced = try QueueEngine.decide(command, state: state, config: config, now: time)
            for event in produced { state.apply(event) }
            events += produced
        }
        for d in 0..<3 {
            days.append(day)
            let opening = calendar.start(of: day).addingTimeInterval(5.5 * 3600)
            var t = opening
            for i in 0..<(6 + d) {
                t += 97
                try run(
                    .issue(service: i % 3 == 0 ? "certificates" : "moving", priority: nil, token: "t\(d)-\(i)"), at: t)
            }
            for i in 0..<(4 + d) {
                t += 300
                try run(.callNext(counter: i % 2 == 0 ? "1" : "2"), at: t)
                if i == 1, let current = state.counters["2"]?.currentTicket {
                    t += 30
                    try run(.noShow(ticket: current), at: t)
                }
            }
            t += 3600
            if let current = state.counters["1"]?.currentTicket { try run(.served(ticket: current), at: t) }
            try run(.closeCounter(counter: "1"), at: t + 1)
            day = calendar.businessDay(of: calendar.start(of: day).addingTimeInterval(36 * 3600))
        }
        return (events, days)
    }

    static func database(with events: [QueueEvent]) throws -> Database {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        _ = try database.writeSync { try QueueEventLog.append(events, to: $0) }
        return database
    }

    @Test func cachedDaysPlusTheCurrentDayEqualOneComputationOfTheWholeSpan() throws {
        let (events, days) = try Self.log()
        let database = try Self.database(with: events)
        defer { try? database.close() }
        let report = KPICalculator(config: Self.config).report(events, from: days[0], to: days[2])
        #expect(report.daily.count >= 6)

        for _ in 0..<2 {  // the first run fills the cache, the second reads it
            let daily = try QueueKPIExporter.exportDaily(
                database: database, config: Self.config, from: days[0], to: days[2], format: .csv)
            #expect(String(decoding: daily, as: UTF8.self) == report.daily.csv())
            let hourly = try QueueKPIExporter.exportHourly(
                database: database, config: Self.config, from: days[0], to: days[2], format: .csv)
            #expect(String(decoding: hourly, as: UTF8.self) == report.hourly.csv())
            let counters = try QueueKPIExporter.exportCounters(
                database: database, config: Self.config, from: days[0], to: days[2], format: .csv)
            #expect(String(decoding: counters, as: UTF8.self) == report.counters.csv())
        }
        let cachedDays = try database.readSync { connection in
            try connection.query("SELECT day FROM queue_kpi_days ORDER BY day").compactMap { $0.string("day") }
        }
        #expect(cachedDays == [days[0].description, days[1].description], "the open day is never cached")

        // The cache is what a finished day is read from.
        try database.writeSync { connection in
            try connection.execute(
                "UPDATE queue_kpi_days SET daily_csv = 'cached\r\n' WHERE day = ?", [.text(days[0].description)])
        }
        let fromCache = try QueueKPIExporter.exportDaily(
            database: database, config: Self.config, from: days[0], to: days[0], format: .csv)
        #expect(String(decoding: fromCache, as: UTF8.self) == QueueKPIExporter.header(.daily) + "cached\r\n")
    }

    @Test func jsonRowsCarryTheCSVColumnsAndOpenDataLeavesTheCurrentDayOut() throws {
        let (events, days) = try Self.log()
        let database = try Self.database(with: events)
        defer { try? database.close() }
        let json = try QueueKPIExporter.exportDaily(
            database: database, config: Self.config, from: days[0], to: days[2], format: .json)
        let rows = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        let columns = QueueKPIRendering.columns(QueueKPIExporter.header(.daily))
        #expect(rows.count == KPICalculator(config: Self.config).daily(events, from: days[0], to: days[2]).count)
        for row in rows { #expect(Set(row.keys) == Set(columns)) }
        #expect(rows.first?["service_name"] as? String == "引越し")

        let published = try QueueKPIExporter.export(
            .daily, database: database, config: Self.config, from: days[0], to: days[2], format: .csv,
            finishedDaysOnly: true)
        let text = String(decoding: published, as: UTF8.self)
        #expect(text.contains(days[1].description))
        #expect(!text.contains(days[2].description))
        #expect(text.contains("\"証明書, 各種\""), "a name with a comma is quoted")
        #expect(try QueueKPIExporter.cacheFinishedDays(database: database, config: Self.config) == 0)
    }

    @Test func theOpenDataSchemasNameEveryCSVColumnInOrder() {
        for resource in OpenDataPackage.resources {
            let header = QueueKPIRendering.columns(QueueKPIExporter.header(resource.table))
            #expect(resource.fields.map(\.name) == header, "\(resource.name)")
            #expect(resource.primaryKey.allSatisfy(header.contains))
        }
    }
}
