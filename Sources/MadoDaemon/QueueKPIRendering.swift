// SPDX-License-Identifier: Apache-2.0
// KPI rows as the exports write them: CSV lines (MadoCore's writer) and JSON objects with the same
// column names and the same rounding, one business day at a time so that days can be cached.
import Foundation
import MadoCore
import MadoStore

/// Renders KPI rows into cacheable per-day pieces and the headers that go in front of them.
enum QueueKPIRendering {
    /// Bump when the rendering or the KPI formulas change: cached days of another version are rebuilt.
    static let version = 1

    static let dailyHeader = headerLine([ServiceKPI]().csv())
    static let hourlyHeader = headerLine(
        [ServiceKPI(day: BusinessDay(year: 2000, month: 1, day: 1), hour: 0, service: "s", serviceName: "s")].csv())
    static let countersHeader = headerLine([CounterKPI]().csv())

    static func columns(_ header: String) -> [String] {
        header.trimmingCharacters(in: .newlines).split(separator: ",").map(String.init)
    }

    /// The first line of a CSV text, with its CRLF.
    private static func headerLine(_ csv: String) -> String {
        guard let end = csv.range(of: "\r\n") else { return csv }
        return String(csv[..<end.upperBound])
    }

    /// The CSV text without its header line.
    private static func body(_ csv: String) -> String {
        guard let end = csv.range(of: "\r\n") else { return "" }
        return String(csv[end.upperBound...])
    }

    /// One cache entry per day of `days`, from a report that covers them (days without rows get
    /// empty pieces, so that they are not computed again).
    static func entries(_ report: KPIReport, days: [BusinessDay]) -> [QueueKPICacheEntry] {
        var daily: [BusinessDay: [ServiceKPI]] = [:]
        var hourly: [BusinessDay: [ServiceKPI]] = [:]
        var counters: [BusinessDay: [CounterKPI]] = [:]
        for row in report.daily { daily[row.day, default: []].append(row) }
        for row in report.hourly { hourly[row.day, default: []].append(row) }
        for row in report.counters { counters[row.day, default: []].append(row) }
        return days.map { day in
            entry(day: day, daily: daily[day] ?? [], hourly: hourly[day] ?? [], counters: counters[day] ?? [])
        }
    }

    static func entry(
        day: BusinessDay, daily: [ServiceKPI], hourly: [ServiceKPI], counters: [CounterKPI]
    ) -> QueueKPICacheEntry {
        QueueKPICacheEntry(
            day: day, version: version, dailyCSV: body(daily.csv()), hourlyCSV: body(hourly.csv()),
            countersCSV: body(counters.csv()), dailyJSON: daily.map { json($0) }.joined(separator: ","),
            hourlyJSON: hourly.map { json($0) }.joined(separator: ","),
            countersJSON: counters.map { json($0) }.joined(separator: ","))
    }

    private static let dailyColumns = columns(dailyHeader)
    private static let hourlyColumns = columns(hourlyHeader)
    private static let counterColumns = columns(countersHeader)

    /// A service row as a JSON object keyed by the CSV column names.
    static func json(_ row: ServiceKPI) -> String {
        var values: [JSONValue] = [.string(row.day.description)]
        if let hour = row.hour { values.append(.number(String(hour))) }
        values += [.string(row.service), .string(row.serviceName)]
        for count in [row.issued, row.served, row.noShow, row.transferred, row.cancelled, row.removedByReset] {
            values.append(.number(String(count)))
        }
        for summary in [row.waiting, row.serviceTime, row.stay] {
            values += [minutes(summary.median), minutes(summary.p90), minutes(summary.max)]
        }
        return object(row.hour == nil ? dailyColumns : hourlyColumns, values)
    }

    static func json(_ row: CounterKPI) -> String {
        object(
            counterColumns,
            [
                .string(row.day.description), .string(row.counter), .string(row.counterName),
                minutes(row.openSeconds), minutes(row.busySeconds), fixed(row.utilisation, places: 3),
                .number(String(row.calls)), .number(String(row.served)),
            ])
    }

    private static func object(_ keys: [String], _ values: [JSONValue]) -> String {
        precondition(keys.count == values.count, "KPI JSON row has \(values.count) values for \(keys.count) columns")
        return QueueJSONWriter.string(.object(JSONObject(Array(zip(keys, values)).map { (key: $0.0, value: $0.1) })))
    }

    /// Seconds as minutes with one decimal, rounded as the CSV writer rounds them.
    private static func minutes(_ seconds: Double?) -> JSONValue {
        fixed(seconds.map { $0 / 60 }, places: 1)
    }

    private static func fixed(_ value: Double?, places: Int) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return .number(
            "\(sign)\(scaled / scale).\(String(repeating: "0", count: places - fraction.count))\(fraction)")
    }
}
