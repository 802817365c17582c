// SPDX-License-Identifier: Apache-2.0
// The KPI export behind /v1/kpi/* and the open-data CSVs, also called in-process by mado-bench.
public import Foundation
public import MadoCore
public import MadoStore

/// The output format of a KPI export.
public enum QueueKPIFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV, UTF-8 without BOM, CRLF, a header row.
    case csv
    /// A JSON array of objects keyed by the CSV column names.
    case json
}

/// The three KPI tables.
public enum QueueKPITable: String, Sendable, CaseIterable {
    /// One row per business day and service.
    case daily
    /// One row per business day, local hour and service.
    case hourly
    /// One row per business day and counter.
    case counters
}

/// Exports KPI tables for a span of business days.
///
/// Finished business days (every day in the log but the last) never change, so their rows are
/// rendered once and kept in `queue_kpi_days`; an export reads those rows and computes only the
/// current day, and days missing from the cache, from the event log. A year's export is then a
/// read of ~250 rows. Blocking: call it off Swift's cooperative pool (the routes use a Dispatch
/// queue), and never from inside a database body.
public enum QueueKPIExporter {
    /// Daily rows per service for `from...to` (business days, both included).
    public static func exportDaily(
        database: Database, config: QueueConfiguration, from: BusinessDay, to: BusinessDay, format: QueueKPIFormat
    ) throws -> Data {
        try export(.daily, database: database, config: config, from: from, to: to, format: format)
    }

    /// Hourly rows per service (local hours in the queue's time zone).
    public static func exportHourly(
        database: Database, config: QueueConfiguration, from: BusinessDay, to: BusinessDay, format: QueueKPIFormat
    ) throws -> Data {
        try export(.hourly, database: database, config: config, from: from, to: to, format: format)
    }

    /// Daily rows per counter (open and busy time, utilisation, calls, served).
    public static func exportCounters(
        database: Database, config: QueueConfiguration, from: BusinessDay, to: BusinessDay, format: QueueKPIFormat
    ) throws -> Data {
        try export(.counters, database: database, config: config, from: from, to: to, format: format)
    }

    /// Any table. With `finishedDaysOnly`, the current (last) business day is left out, as the open
    /// data is: published figures do not change while the day runs.
    public static func export(
        _ table: QueueKPITable, database: Database, config: QueueConfiguration, from: BusinessDay, to: BusinessDay,
        format: QueueKPIFormat, finishedDaysOnly: Bool = false
    ) throws -> Data {
        let version = QueueKPIRendering.version
        let (days, cached) = try database.readSync { connection in
            (
                try QueueEventLog.days(connection),
                try QueueKPICacheTable.load(from: from, to: to, version: version, connection: connection)
            )
        }
        var entries: [BusinessDay: QueueKPICacheEntry] = [:]
        for entry in cached { entries[entry.day] = entry }
        let missing = days.indices.filter { i in
            i < days.count - 1 && days[i].day >= from && days[i].day <= to && entries[days[i].day] == nil
        }
        for entry in try computeFinished(missing, of: days, database: database, config: config) {
            entries[entry.day] = entry
        }
        if !finishedDaysOnly, let current = days.last, current.day >= from, current.day <= to {
            entries[current.day] = try computeCurrent(current, database: database, config: config)
        }
        return render(table, entries: entries.values.sorted { $0.day < $1.day }, format: format)
    }

    /// Renders every finished day missing from the cache and stores it (madod calls this after a
    /// daily reset and at start, in the background). Returns how many days were rendered.
    @discardableResult
    public static func cacheFinishedDays(database: Database, config: QueueConfiguration) throws -> Int {
        let version = QueueKPIRendering.version
        let (days, cached) = try database.readSync { connection in
            (
                try QueueEventLog.days(connection),
                try QueueKPICacheTable.load(
                    from: BusinessDay(year: 1, month: 1, day: 1), to: BusinessDay(year: 9999, month: 12, day: 31),
                    version: version, connection: connection)
            )
        }
        let have = Set(cached.map(\.day))
        let missing = days.indices.filter { $0 < days.count - 1 && !have.contains(days[$0].day) }
        return try computeFinished(missing, of: days, database: database, config: config).count
    }

    /// The header and the rows, in day order.
    static func render(_ table: QueueKPITable, entries: [QueueKPICacheEntry], format: QueueKPIFormat) -> Data {
        var out = Data()
        switch format {
        case .csv:
            out.append(contentsOf: header(table).utf8)
            for entry in entries { out.append(contentsOf: piece(table, entry, format: .csv).utf8) }
        case .json:
            out.append(UInt8(ascii: "["))
            var first = true
            for entry in entries {
                let piece = piece(table, entry, format: .json)
                guard !piece.isEmpty else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: piece.utf8)
                first = false
            }
            out.append(UInt8(ascii: "]"))
        }
        return out
    }

    /// The CSV header line (with CRLF) of a table.
    public static func header(_ table: QueueKPITable) -> String {
        switch table {
        case .daily: QueueKPIRendering.dailyHeader
        case .hourly: QueueKPIRendering.hourlyHeader
        case .counters: QueueKPIRendering.countersHeader
        }
    }

    private static func piece(_ table: QueueKPITable, _ entry: QueueKPICacheEntry, format: QueueKPIFormat) -> String {
        switch (table, format) {
        case (.daily, .csv): entry.dailyCSV
        case (.hourly, .csv): entry.hourlyCSV
        case (.counters, .csv): entry.countersCSV
        case (.daily, .json): entry.dailyJSON
        case (.hourly, .json): entry.hourlyJSON
        case (.counters, .json): entry.countersJSON
        }
    }

    /// Computes and stores the finished days at `indices` of `days`, in runs of consecutive log days
    /// (at most a month each, to bound memory). A day's figures need its events and the next day's
    /// first event: the daily reset that ends the day's open tickets.
    private static func computeFinished(
        _ indices: [Int], of days: [QueueLogDay], database: Database, config: QueueConfiguration
    ) throws -> [QueueKPICacheEntry] {
        var runs: [[Int]] = []
        for i in indices {
            if let last = runs.last?.last, last == i - 1, runs[runs.count - 1].count < 31 {
                runs[runs.count - 1].append(i)
            } else {
                runs.append([i])
            }
        }
        var all: [QueueKPICacheEntry] = []
        for run in runs {
            let first = run.first!
            let last = run.last!
            let range = days[first].firstSeq...days[last + 1].firstSeq
            let bodies = try database.readSync { connection in try QueueEventLog.bodies(connection, seq: range) }
            let events = try QueueEventLog.decode(bodies, firstSeq: range.lowerBound)
            let report = KPICalculator(config: config).report(events, from: days[first].day, to: days[last].day)
            let entries = QueueKPIRendering.entries(report, days: run.map { days[$0].day })
            try database.writeSync { connection in try QueueKPICacheTable.store(entries, to: connection) }
            all += entries
        }
        return all
    }

    /// The current business day, from its events so far.
    private static func computeCurrent(
        _ current: QueueLogDay, database: Database, config: QueueConfiguration
    ) throws -> QueueKPICacheEntry {
        let bodies = try database.readSync { connection in
            try QueueEventLog.bodies(
                connection, seq: current.firstSeq...max(current.firstSeq, try QueueEventLog.lastSeq(connection)))
        }
        let events = try QueueEventLog.decode(bodies, firstSeq: current.firstSeq)
        let report = KPICalculator(config: config).report(events, from: current.day, to: current.day)
        return QueueKPIRendering.entries(report, days: [current.day])[0]
    }
}
