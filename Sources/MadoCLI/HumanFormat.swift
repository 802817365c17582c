// SPDX-License-Identifier: Apache-2.0
// Small formatters for human-readable output: durations, byte sizes, times of day, wait estimates.
public import Foundation

/// Formatting helpers shared by the commands' human output.
public enum HumanFormat {
    /// `1h 02m 05s`, `3m 07s`, `12s`: hours grow without a day unit, which is what uptime readers expect.
    public static func duration(seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let hours = total / 3600
        let minutes = total % 3600 / 60
        let secs = total % 60
        if hours > 0 { return "\(hours)h \(twoDigits(minutes))m \(twoDigits(secs))s" }
        if minutes > 0 { return "\(minutes)m \(twoDigits(secs))s" }
        return "\(secs)s"
    }

    /// `512 B`, `4.0 KiB`, `12.3 MiB`.
    public static func bytes(_ count: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard count >= 1024 else { return "\(count) B" }
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// The local time of day (`09:12`) of an ISO 8601 instant, or the text unchanged if it is not one.
    public static func timeOfDay(_ iso8601: String, in timeZone: TimeZone) -> String {
        guard let date = parseInstant(iso8601) else { return iso8601 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return "\(twoDigits(parts.hour ?? 0)):\(twoDigits(parts.minute ?? 0))"
    }

    /// `10〜20分 (参考値)`: the wait estimate, always labelled as a reference value.
    public static func estimate(_ minutes: ClosedRange<Int>) -> String {
        let span =
            minutes.lowerBound == minutes.upperBound
            ? "\(minutes.lowerBound)" : "\(minutes.lowerBound)〜\(minutes.upperBound)"
        return "\(span)分 (参考値)"
    }

    static func parseInstant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
