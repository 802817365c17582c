// SPDX-License-Identifier: Apache-2.0
// A wall-clock time ("08:30") in the site's time zone, as config files and opening hours write it.

/// An hour and minute of the local day. Written and read as "HH:MM" (24-hour clock).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses "HH:MM" or "H:MM"; "24:00" is accepted as the end of the day only by `OpeningInterval`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Minutes since local midnight.
    public var minuteOfDay: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }
}

/// A span of the local day during which a service issues tickets: `from` inclusive, `to` exclusive.
/// `to` may be "24:00" so that a span can run to midnight.
public struct OpeningInterval: Hashable, Sendable, CustomStringConvertible {
    public let fromMinute: Int
    public let toMinute: Int

    public init?(from: String, to: String) {
        guard let start = TimeOfDay(from) else { return nil }
        let end: Int
        if to == "24:00" {
            end = 24 * 60
        } else if let t = TimeOfDay(to) {
            end = t.minuteOfDay
        } else {
            return nil
        }
        guard end > start.minuteOfDay else { return nil }
        fromMinute = start.minuteOfDay
        toMinute = end
    }

    public func contains(minuteOfDay: Int) -> Bool { minuteOfDay >= fromMinute && minuteOfDay < toMinute }

    public var description: String { "\(Self.text(fromMinute))–\(Self.text(toMinute))" }

    static func text(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
