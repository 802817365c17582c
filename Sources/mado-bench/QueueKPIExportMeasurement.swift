// SPDX-License-Identifier: Apache-2.0
// Part (c) of the queue benchmark: the open-data KPI export of a year of a 5-ward city, in-process,
// through the same QueueKPIExporter that serves /v1/kpi/*.
import Foundation
import MadoCore
import MadoDaemon
import MadoStore
import MadoTestSupport

/// A year (250 business days) of 5 wards × 5 services, 1,600 tickets a day: 400,000 tickets and about
/// 1.2 million events in a real store (SQLite file, WAL, madod's schema).
///
/// Timed: the three CSV tables (daily, hourly, counters) for the whole year, first on a store whose
/// KPI cache is empty (every finished day read from the event log, decoded, computed and cached: what
/// madod does once, in the background, after an upgrade that changes the KPI formulas), then as
/// every export is served (finished days from the cache madod fills at each daily reset).
/// Not timed: generating the log and writing it to the store (SyntheticEventStore).
struct QueueKPIExportMeasurement {
    var days = 250
    var wards = 5
    var ticketsPerDay = 1_600

    func run(directory: String, into result: inout BenchmarkResult) throws(BenchError) {
        let preparing = MonotonicClock.seconds()
        let (config, events) = SyntheticCityLog.make(days: days, wards: wards, ticketsPerDay: ticketsPerDay)
        let generated = MonotonicClock.seconds()
        let database: Database
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            database = try Database.open(path: directory + "/state/mado.db", migrations: MadoSchema.migrations)
        } catch {
            throw BenchError("cannot fill a KPI test store in \(directory): \(error)")
        }
        defer { try? database.close() }
        try SyntheticEventStore.fill(database, events: events)
        guard case .dailyReset(_, let firstDay) = events.first,
            let lastDay = events.last.map({ config.calendar.businessDay(of: $0.at) })
        else { throw BenchError("the synthetic year does not begin with a daily reset") }
        let filled = MonotonicClock.seconds()
        result.notes.append(
            "(c) preparation, not timed: generating the year \((generated - preparing).formatted1) s, "
                + "writing it to the store \((filled - generated).formatted1) s")

        func exportAll() throws(BenchError) -> (seconds: Double, bytes: Int, daily: Data) {
            let started = MonotonicClock.seconds()
            var tables: [Data] = []
            do {
                for table in QueueKPITable.allCases {
                    tables.append(
                        try QueueKPIExporter.export(
                            table, database: database, config: config, from: firstDay, to: lastDay, format: .csv))
                }
            } catch {
                throw BenchError("cannot export the KPI tables of the synthetic year: \(error)")
            }
            let seconds = MonotonicClock.seconds() - started
            return (seconds, tables.reduce(0) { $0 + $1.count }, tables[QueueKPITable.allCases.firstIndex(of: .daily)!])
        }
        let cold = try exportAll()
        let warm = try exportAll()
        guard warm.bytes == cold.bytes else {
            throw BenchError(
                "the cached KPI export (\(warm.bytes) bytes) differs from the computed one (\(cold.bytes))")
        }
        let issued = days * ticketsPerDay
        let exported = Self.sum(column: "issued", csv: cold.daily)
        guard exported == issued else {
            throw BenchError(
                "the daily KPI export counts \(exported.map(String.init) ?? "no") issued tickets, expected \(issued)")
        }
        // The goal is on the export as madod serves it: every finished day is summarised once, at
        // its daily reset (and at start for days missing after an upgrade), so a year's export reads
        // ~250 cached days. The computation from the raw log is reported beside it: it is what the
        // start after an upgrade that changes the KPI formulas does in the background, once.
        result.add(
            "queue: KPI export of a year",
            Metric(
                key: "kpiExportYearCachedSeconds", label: "export", value: warm.seconds, unit: .seconds,
                note:
                    "daily + hourly + counters CSV, \(UnitlessCount(issued)) tickets, finished days summarised "
                    + "as madod keeps them, \(UnitlessCount(cold.bytes / 1024)) KiB of CSV",
                goal: .below(1)),
            Metric(
                key: "kpiExportYearColdSeconds", label: "summarising the year from the raw log", value: cold.seconds,
                unit: .seconds,
                note: "\(UnitlessCount(events.count)) stored events, once after an upgrade, in the background"))
    }

    /// The sum of a numeric column of a CSV table (plain fields, as the KPI tables' numbers are).
    static func sum(column: String, csv: Data) -> Int? {
        let lines = String(decoding: csv, as: UTF8.self).split(separator: "\r\n")
        guard let header = lines.first, let index = header.split(separator: ",").firstIndex(of: Substring(column))
        else { return nil }
        var total = 0
        for line in lines.dropFirst() {
            // Names may hold quoted commas; the numbers come after them, so count from the end.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let fromEnd = header.split(separator: ",", omittingEmptySubsequences: false).count - index
            guard fields.count >= fromEnd, let value = Int(fields[fields.count - fromEnd]) else { return nil }
            total += value
        }
        return total
    }
}
