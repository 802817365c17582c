// SPDX-License-Identifier: Apache-2.0
// A date on the Gregorian calendar with no time or zone: birth dates, 届出日, 異動日.
public import Foundation

/// A valid proleptic-Gregorian date, years 1...9999. Pure arithmetic (no `Calendar`), so it behaves
/// the same on Linux and macOS and costs nothing to create. Encoded as ISO text "2026-12-03".
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the date exists (2月29日 only in leap years; no 4月31日).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (the answers' date format). For 和暦 and other spellings use
    /// `Wareki.parse(_:)`.
    public init?(iso text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Reads any spelling `Wareki.parse(_:)` accepts: 2026-12-03, 令和8年12月3日, R8.12.3, ….
    public init(parsing text: String) throws(JapaneseFormatError) {
        self = try Wareki.parse(text)
    }

    /// The date `days` days after 1970-01-01 (negative: before). Dates outside years 1...9999 are clamped.
    public init(daysSinceEpoch days: Int) {
        let clamped = min(max(days, Self.minimumDays), Self.maximumDays)
        // Howard Hinnant's civil_from_days: eras of 400 years starting on 0000-03-01.
        let z = clamped + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let m = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The local date of an instant in a zone with a fixed offset (Japan: +9 h, the default; no DST).
    public init(_ instant: Date, secondsFromGMT offset: Int = 9 * 3600) {
        let seconds = Int((instant.timeIntervalSince1970).rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(daysSinceEpoch: days)
    }

    /// "2026-12-03"
    public var iso: String {
        let y = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return "\(paddedYear)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from this date to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        let remainder = (daysSinceEpoch + 4) % 7  // 1970-01-01 was a Thursday
        return remainder < 0 ? remainder + 7 : remainder
    }

    /// 日, 月, 火, 水, 木, 金 or 土, for 「12月3日(木)」.
    public var weekdayKanji: String {
        ["日", "月", "火", "水", "木", "金", "土"][weekday]
    }

    /// The 年度 (Japanese fiscal and school year, April to March) the date belongs to:
    /// 2027-03-31 is in 年度 2026.
    public var fiscalYear: Int { month >= 4 ? year : year - 1 }

    // MARK: Age

    /// The same month and day `years` later. A 2月29日 falls on 3月1日 in a year without one: that is
    /// the first day on which a year has fully passed (民法143条2項, see `age(on:)`).
    public func anniversary(years: Int) -> CivilDate {
        let target = year + years
        return CivilDate(year: target, month: month, day: day)
            ?? CivilDate(year: target, month: 3, day: 1)
            ?? CivilDate(daysSinceEpoch: years < 0 ? Self.minimumDays : Self.maximumDays)
    }

    /// 満年齢 on `date` of a person born on this date (negative when `date` is before the birth).
    ///
    /// The rule: 年齢計算ニ関スル法律 (明治35年法律第50号) counts age from the day of birth, and applies
    /// 民法143条: a year ends at the end of the day *before* the anniversary (for 2月29日 births in a
    /// common year, at the end of 2月28日, the month's last day: 143条2項). So a person is a year older
    /// from the start of the anniversary, and someone born on 2月29日 is a year older from 3月1日 in a
    /// common year. Laws that say 「…歳に達した日」 mean the day before, see `dayAttaining(age:)`.
    public func age(on date: CivilDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// The day on which a person born on this date 「達する」 `age` in law: the day before the
    /// anniversary (2月28日 for a 2月29日 birth in a common year). E.g. 介護保険 第1号被保険者 from the day
    /// of reaching 65.
    public func dayAttaining(age: Int) -> CivilDate {
        anniversary(years: age).adding(days: -1)
    }

    /// The last day (3月31日) of the 年度 in which a person born on this date reaches `age`: the usual
    /// end of a child benefit (「18歳に達する日以後の最初の3月31日」). A child born on 4月1日 reaches the age
    /// on 3月31日 and so ends a year earlier than one born on 4月2日 (早生まれ).
    public func endOfFiscalYearAttaining(age: Int) -> CivilDate {
        let attained = dayAttaining(age: age)
        return CivilDate(year: attained.fiscalYear + 1, month: 3, day: 31)
            ?? CivilDate(daysSinceEpoch: Self.maximumDays)
    }

    // MARK: Calendar facts

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        case 1...12: return 31
        default: return 0
        }
    }

    static let minimumDays = -719_162  // 0001-01-01
    static let maximumDays = 2_932_896  // 9999-12-31

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "expected a YYYY-MM-DD date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
