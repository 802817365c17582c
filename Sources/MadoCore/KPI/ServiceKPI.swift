// SPDX-License-Identifier: Apache-2.0
// One row of the queue's operating figures: a business day (or one hour of it) and one service.

/// Counts and durations for one service on one business day, or one local hour of it.
///
/// Counts are attributed to the service the ticket was in when the event happened: `issued` to the
/// issuing service, `transferred` to the service it left, `served` and the stay time to the service
/// that finished it. Durations (seconds):
/// - waiting: last call − joining the service's queue (issue, or the transfer), for each visit that
///   reached a counter (served, transferred or set pending from the counter); a recalled or
///   returned no-show counts from its last call, as Qmatic does;
/// - service: last call → served, transferred or pending (pickups of prepared papers excluded);
/// - stay: issue → served, across transfers.
/// Hourly rows use the local hour of each event. No ticket ids, tokens or personal data.
public struct ServiceKPI: Sendable, Equatable {
    public let day: BusinessDay
    /// The local hour (0–23) for hourly rows; nil for daily rows.
    public let hour: Int?
    public let service: String
    public let serviceName: String
    public var issued = 0
    public var served = 0
    public var noShow = 0
    public var transferred = 0
    public var cancelled = 0
    /// Tickets still open at the daily reset (Qmatic's REMOVE_BY_RESET).
    public var removedByReset = 0
    public var waiting = DurationSummary.empty
    public var serviceTime = DurationSummary.empty
    public var stay = DurationSummary.empty

    public init(day: BusinessDay, hour: Int?, service: String, serviceName: String) {
        self.day = day
        self.hour = hour
        self.service = service
        self.serviceName = serviceName
    }

    static func csvHeader(hourly: Bool) -> [String] {
        ["date"] + (hourly ? ["hour"] : [])
            + [
                "service", "service_name", "issued", "served", "no_show", "transferred", "cancelled",
                "removed_by_reset",
                "waiting_median_min", "waiting_p90_min", "waiting_max_min", "service_median_min", "service_p90_min",
                "service_max_min", "stay_median_min", "stay_p90_min", "stay_max_min",
            ]
    }

    func writeCSV(to writer: inout CSVWriter, hourly: Bool) {
        writer.field(day)
        if hourly {
            if let hour { writer.field(hour) } else { writer.field("") }
        }
        writer.field(service)
        writer.field(serviceName)
        for count in [issued, served, noShow, transferred, cancelled, removedByReset] { writer.field(count) }
        for summary in [waiting, serviceTime, stay] {
            writer.minutes(summary.median)
            writer.minutes(summary.p90)
            writer.minutes(summary.max)
        }
        writer.endRow()
    }
}

extension Array where Element == ServiceKPI {
    /// RFC 4180 CSV with a header row; an `hour` column when the rows are hourly.
    public func csv(byteOrderMark: Bool = false) -> String {
        let hourly = contains { $0.hour != nil }
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        writer.row(ServiceKPI.csvHeader(hourly: hourly))
        for row in self { row.writeCSV(to: &writer, hourly: hourly) }
        return writer.text
    }
}
