// SPDX-License-Identifier: Apache-2.0
// The business day a ticket belongs to: the day that began at the most recent daily reset.
public import Foundation

/// A calendar date naming one business day. Ticket numbers are unique within one business day.
/// Encoded as "2026-12-03".
public struct BusinessDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// "2026-12-03"
    public var description: String { "\(year)-\(Self.pad2(month))-\(Self.pad2(day))" }

    /// "20261203", used in ticket ids.
    public var compact: String { "\(year)\(Self.pad2(month))\(Self.pad2(day))" }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    public static func < (lhs: BusinessDay, rhs: BusinessDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = BusinessDay(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Maps instants to business days and local wall-clock times for one site.
///
/// The business day of an instant is the local date of the most recent reset time at or before it:
/// with a 03:00 reset, 02:59 on 4 December still belongs to 3 December. The shift is done in local
/// wall-clock time, which is exact for zones without daylight saving (Asia/Tokyo) and off by at most
/// the DST jump for one hour a year elsewhere.
public struct BusinessCalendar: Sendable {
    public let timeZone: TimeZone
    public let resetTime: TimeOfDay
    private let calendar: Calendar

    public init(timeZone: TimeZone, resetTime: TimeOfDay) {
        self.timeZone = timeZone
        self.resetTime = resetTime
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public func businessDay(of instant: Date) -> BusinessDay {
        let shifted = instant.addingTimeInterval(-Double(resetTime.minuteOfDay * 60))
        let c = calendar.dateComponents([.year, .month, .day], from: shifted)
        return BusinessDay(year: c.year!, month: c.month!, day: c.day!)
    }

    /// The instant the business day begins (its reset time, local).
    public func start(of day: BusinessDay) -> Date {
        let components = DateComponents(
            year: day.year, month: day.month, day: day.day, hour: resetTime.hour, minute: resetTime.minute)
        return calendar.date(from: components)!
    }

    /// The local weekday (1 = Sunday … 7 = Saturday, as Foundation counts) and minute of the day.
    public func localTime(of instant: Date) -> (weekday: Int, minuteOfDay: Int) {
        let c = calendar.dateComponents([.weekday, .hour, .minute], from: instant)
        return (c.weekday!, c.hour! * 60 + c.minute!)
    }
}
