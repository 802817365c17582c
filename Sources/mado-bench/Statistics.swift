// SPDX-License-Identifier: Apache-2.0
// Median, percentiles and maxima of measured samples, computed the same way for every benchmark.
import Glibc

/// Sorted samples with nearest-rank quantiles (a p99 of 2,000 samples is the 1,980th value, a
/// value that was actually observed, not an interpolation).
struct Samples {
    let sorted: [Double]

    init(_ values: [Double]) { sorted = values.sorted() }

    var count: Int { sorted.count }
    var median: Double { quantile(0.5) }
    var max: Double { sorted.last ?? 0 }
    var min: Double { sorted.first ?? 0 }

    func quantile(_ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}

/// Monotonic time in seconds, for intervals only (CLOCK_MONOTONIC does not jump with NTP).
enum MonotonicClock {
    static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
