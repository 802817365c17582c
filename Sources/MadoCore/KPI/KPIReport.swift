// SPDX-License-Identifier: Apache-2.0
// The queue's operating figures for a span of business days, ready for the open-data export.

/// Daily and hourly rows per service, and daily rows per counter, sorted by day, (hour,) then the
/// configuration's order.
public struct KPIReport: Sendable, Equatable {
    public var daily: [ServiceKPI]
    public var hourly: [ServiceKPI]
    public var counters: [CounterKPI]

    public init(daily: [ServiceKPI], hourly: [ServiceKPI], counters: [CounterKPI]) {
        self.daily = daily
        self.hourly = hourly
        self.counters = counters
    }
}
