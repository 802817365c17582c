// SPDX-License-Identifier: Apache-2.0
// Millisecond UTC timestamps ("2026-12-03T00:01:00.000Z") for stored events, independent of any
// encoder's date strategy, so that the stored JSON is the same whoever writes it.
public import Foundation

/// Formats and parses event times. Hand-written civil-date arithmetic (H. Hinnant's algorithm) keeps
/// it exact, locale-free and fast enough to decode a year of events.
public enum EventTimestamp {
    /// The instant rounded to whole milliseconds, as events store it. The engine rounds `now` this way
    /// so that an event survives a JSON round trip unchanged.
    public static func rounded(_ date: Date) -> Date {
        fromMilliseconds(milliseconds(date))
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func fromMilliseconds(_ ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    public static func format(_ date: Date) -> String {
        let ms = milliseconds(date)
        let (days, msOfDay) = floorDivide(ms, 86_400_000)
        let (y, m, d) = civil(fromDays: days)
        let h = msOfDay / 3_600_000
        let mi = msOfDay / 60_000 % 60
        let s = msOfDay / 1000 % 60
        let f = msOfDay % 1000
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
    }

    /// Parses exactly the format `format` writes (the fraction may have 0–3 digits).
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    static func parse(utf8 u: UnsafeBufferPointer<UInt8>) -> Date? {
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[u.count - 1] == 90
        else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in range {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int64(c - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), let h = number(11..<13),
            let mi = number(14..<16), let s = number(17..<19), (1...12).contains(m), (1...31).contains(d),
            h < 24, mi < 60, s < 61
        else { return nil }
        var fraction: Int64 = 0
        if u.count > 20 {
            guard u[19] == 46, u.count <= 24, u.count >= 22, let f = number(20..<(u.count - 1)) else { return nil }
            let scale: Int64 = u.count == 22 ? 100 : u.count == 23 ? 10 : 1
            fraction = f * scale
        } else if u[19] != 90 {
            return nil
        }
        let days = Self.days(fromCivil: y, m, d)
        return fromMilliseconds(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + fraction)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
    public static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
