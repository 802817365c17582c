// SPDX-License-Identifier: Apache-2.0
// Median, 90th percentile and maximum of a set of durations, computed the way a spreadsheet does.

/// Summary statistics of durations in seconds. Quantiles interpolate linearly between ranks
/// (Excel's MEDIAN and PERCENTILE.INC, R's type 7), so a city's analyst can check them in a sheet.
public struct DurationSummary: Sendable, Equatable {
    public let count: Int
    public let median: Double?
    public let p90: Double?
    public let max: Double?

    public static let empty = DurationSummary(count: 0, median: nil, p90: nil, max: nil)

    public init(count: Int, median: Double?, p90: Double?, max: Double?) {
        self.count = count
        self.median = median
        self.p90 = p90
        self.max = max
    }

    /// Summarises `values` (sorted in place).
    public init(sorting values: inout [Double]) {
        guard !values.isEmpty else {
            self = .empty
            return
        }
        values.sort()
        self.init(
            count: values.count, median: Self.quantile(0.5, ofSorted: values),
            p90: Self.quantile(0.9, ofSorted: values), max: values.last)
    }

    /// The q-quantile of ascending `sorted` values by linear interpolation: rank h = (n − 1)·q.
    public static func quantile(_ q: Double, ofSorted sorted: [Double]) -> Double {
        let h = Double(sorted.count - 1) * q
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
