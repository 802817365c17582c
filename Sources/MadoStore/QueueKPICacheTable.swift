// SPDX-License-Identifier: Apache-2.0
// The rendered KPI rows of finished business days, so that a year's export reads ~250 rows, not
// a million events.
public import MadoCore

/// One finished business day's KPI rows, rendered as CSV lines (no header) and JSON object lists
/// (no brackets), ready to be concatenated in day order.
public struct QueueKPICacheEntry: Sendable, Equatable {
    public let day: BusinessDay
    /// The rendering's version: entries of another version are ignored and rebuilt.
    public let version: Int
    public let dailyCSV: String
    public let hourlyCSV: String
    public let countersCSV: String
    public let dailyJSON: String
    public let hourlyJSON: String
    public let countersJSON: String

    public init(
        day: BusinessDay, version: Int, dailyCSV: String, hourlyCSV: String, countersCSV: String,
        dailyJSON: String, hourlyJSON: String, countersJSON: String
    ) {
        self.day = day
        self.version = version
        self.dailyCSV = dailyCSV
        self.hourlyCSV = hourlyCSV
        self.countersCSV = countersCSV
        self.dailyJSON = dailyJSON
        self.hourlyJSON = hourlyJSON
        self.countersJSON = countersJSON
    }
}

/// Reads and writes `queue_kpi_days` inside the caller's read or write body.
public enum QueueKPICacheTable {
    /// Stores (or replaces) entries.
    public static func store(_ entries: [QueueKPICacheEntry], to connection: Connection) throws(StoreError) {
        for e in entries {
            try connection.execute(
                """
                INSERT OR REPLACE INTO queue_kpi_days
                    (day, version, daily_csv, hourly_csv, counters_csv, daily_json, hourly_json, counters_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(e.day.description), .integer(Int64(e.version)), .text(e.dailyCSV), .text(e.hourlyCSV),
                    .text(e.countersCSV), .text(e.dailyJSON), .text(e.hourlyJSON), .text(e.countersJSON),
                ])
        }
    }

    /// The entries of `version` for days `from...to`, oldest first.
    public static func load(
        from: BusinessDay, to: BusinessDay, version: Int, connection: Connection
    ) throws(StoreError) -> [QueueKPICacheEntry] {
        try connection.query(
            """
            SELECT day, daily_csv, hourly_csv, counters_csv, daily_json, hourly_json, counters_json
            FROM queue_kpi_days WHERE day BETWEEN ? AND ? AND version = ? ORDER BY day
            """,
            [.text(from.description), .text(to.description), .integer(Int64(version))]
        ).compactMap { row in
            guard let text = row.string("day"), let day = BusinessDay(text) else { return nil }
            return QueueKPICacheEntry(
                day: day, version: version, dailyCSV: row.string("daily_csv") ?? "",
                hourlyCSV: row.string("hourly_csv") ?? "", countersCSV: row.string("counters_csv") ?? "",
                dailyJSON: row.string("daily_json") ?? "", hourlyJSON: row.string("hourly_json") ?? "",
                countersJSON: row.string("counters_json") ?? "")
        }
    }
}
