// SPDX-License-Identifier: Apache-2.0
// A date split into 元号, era year, month and day, for forms that print them in separate boxes.

/// 令和元年5月1日 as parts. Forms often print 「明・大・昭・平・令」 with the era circled and the numbers
/// in cells; this is what they need.
public struct WarekiDate: Hashable, Sendable, CustomStringConvertible {
    public let era: JapaneseEra
    /// 1 for 元年.
    public let year: Int
    public let month: Int
    public let day: Int

    public init(era: JapaneseEra, year: Int, month: Int, day: Int) {
        self.era = era
        self.year = year
        self.month = month
        self.day = day
    }

    /// "元" for the first year, else the number: 「令和元年」, 「令和6年」.
    public var yearText: String { year == 1 ? "元" : String(year) }

    /// 令和元年5月1日
    public var description: String { "\(era.kanji)\(yearText)年\(month)月\(day)日" }
}
