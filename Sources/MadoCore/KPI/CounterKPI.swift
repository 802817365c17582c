// SPDX-License-Identifier: Apache-2.0
// One counter's use on one business day: how long it was open and how much of that it was busy.

/// A counter's day. Open time runs from opening (or its first call) to closing; a counter never
/// closed counts as open until its last activity of the day. Busy time is the sum of its
/// transactions, call → served, transferred, pending, parked, no-show, returned or cancelled.
public struct CounterKPI: Sendable, Equatable {
    public let day: BusinessDay
    public let counter: String
    public let counterName: String
    public var openSeconds: Double = 0
    public var busySeconds: Double = 0
    /// Calls made, recalls included.
    public var calls = 0
    public var served = 0

    public init(day: BusinessDay, counter: String, counterName: String) {
        self.day = day
        self.counter = counter
        self.counterName = counterName
    }

    /// Busy time ÷ open time, or nil when the counter was not open.
    public var utilisation: Double? { openSeconds > 0 ? Swift.min(1, busySeconds / openSeconds) : nil }
}

extension Array where Element == CounterKPI {
    /// RFC 4180 CSV with a header row.
    public func csv(byteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        writer.row(["date", "counter", "counter_name", "open_min", "busy_min", "utilisation", "calls", "served"])
        for row in self {
            writer.field(row.day)
            writer.field(row.counter)
            writer.field(row.counterName)
            writer.minutes(row.openSeconds)
            writer.minutes(row.busySeconds)
            writer.field(row.utilisation, places: 3)
            writer.field(row.calls)
            writer.field(row.served)
            writer.endRow()
        }
        return writer.text
    }
}
