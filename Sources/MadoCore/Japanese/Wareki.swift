// SPDX-License-Identifier: Apache-2.0
// 和暦 text: formats a date as 令和元年5月1日 or R1.5.1 and reads what clerks and residents type.

/// Formatting and parsing of 和暦 with the built-in era table (`JapaneseEra`), no ICU.
public enum Wareki {
    public enum Style: Sendable, Hashable {
        /// 令和元年5月1日 (first year written 元年, no zero padding).
        case long
        /// R1.5.1
        case short
    }

    /// The era parts of a date; nil before 明治 (1868-10-23). On a day two eras share (1912-07-30,
    /// 1926-12-25) the new era: 大正元年7月30日, 昭和元年12月25日.
    public static func components(of date: CivilDate) -> WarekiDate? {
        guard let era = JapaneseEra.era(containing: date) else { return nil }
        return WarekiDate(era: era, year: era.eraYear(of: date), month: date.month, day: date.day)
    }

    /// `.long` → 令和元年5月1日, `.short` → R1.5.1. A date before 明治 has no era in the table and is written
    /// in 西暦 (1850年1月1日, 1850.1.1) rather than invented.
    public static func format(_ date: CivilDate, style: Style = .long) -> String {
        guard let parts = components(of: date) else {
            switch style {
            case .long: return "\(date.year)年\(date.month)月\(date.day)日"
            case .short: return "\(date.year).\(date.month).\(date.day)"
            }
        }
        switch style {
        case .long: return parts.description
        case .short: return "\(parts.era.initial)\(parts.year).\(parts.month).\(parts.day)"
        }
    }

    /// Reads a date written as
    /// - 和暦 with kanji: 令和6年4月1日, 令和元年5月1日, 平成 31 年 4 月 30 日, ㋿6年4月1日, ㍻31年4月30日;
    /// - 和暦 with an initial: R6.4.1, R6/4/1, R6-4-1, H31.4.30, r06.04.01, 令6.4.1;
    /// - 西暦: 2026-12-03, 2026/12/3, 2026.12.3, 2026年12月3日;
    /// digits and letters may be full-width. A day two eras share is accepted in both (明治45年7月30日 and
    /// 大正元年7月30日 are the same day).
    ///
    /// Refuses a date that does not exist (`invalid_date`), an unknown era (`unknown_era`) and a date
    /// outside the era it is written in (`out_of_era`: 平成31年5月1日, 昭和64年1月8日, 令和元年4月30日).
    public static func parse(_ text: String) throws(JapaneseFormatError) -> CivilDate {
        var scanner = DateScanner(text)
        guard !scanner.isAtEnd else { throw emptyDate }
        if scanner.peekIsDigit {
            guard let year = scanner.number(maxDigits: 4), year.digits == 4 else { throw unreadable }
            let (month, day) = try scanner.monthAndDay()
            guard let date = CivilDate(year: year.value, month: month, day: day) else { throw nonexistent }
            return date
        }
        let eraName = scanner.eraName()
        guard let era = JapaneseEra.named(eraName) else {
            throw JapaneseFormatError(
                .unknownEra, "元号を読み取れません（明治・大正・昭和・平成・令和、またはM・T・S・H・R）",
                english: "the era is not one of 明治, 大正, 昭和, 平成, 令和 (M, T, S, H, R)")
        }
        let eraYear: Int
        if scanner.take("元") {
            eraYear = 1
        } else if let number = scanner.number(maxDigits: 3), number.value >= 1 {
            eraYear = number.value
        } else {
            throw unreadable
        }
        let (month, day) = try scanner.monthAndDay()
        guard let date = CivilDate(year: era.gregorianYear(eraYear: eraYear), month: month, day: day) else {
            throw nonexistent
        }
        guard era.contains(date) else { throw outOfEra(era) }
        return date
    }

    private static let emptyDate = JapaneseFormatError(
        .empty, "日付が入力されていません", english: "no date was given")
    static let unreadable = JapaneseFormatError(
        .invalidDate, "日付として読み取れません（例: 令和6年4月1日、R6.4.1、2024-04-01）",
        english: "not a date (write e.g. 令和6年4月1日, R6.4.1 or 2024-04-01)")
    private static let nonexistent = JapaneseFormatError(
        .invalidDate, "存在しない日付です", english: "the date does not exist")

    private static func outOfEra(_ era: JapaneseEra) -> JapaneseFormatError {
        let first = format(era.firstDay)
        let japaneseRange: String
        let englishRange: String
        if let last = era.lastDay {
            // Written in the era itself (平成31年4月30日 rather than the new era's spelling of a shared day).
            let lastText = "\(era.kanji)\(era.eraYear(of: last))年\(last.month)月\(last.day)日"
            japaneseRange = "\(era.kanji)は\(first)から\(lastText)まで"
            englishRange = "\(era.romaji) runs from \(era.firstDay.iso) to \(last.iso)"
        } else {
            japaneseRange = "\(era.kanji)は\(first)から"
            englishRange = "\(era.romaji) began on \(era.firstDay.iso)"
        }
        return JapaneseFormatError(
            .outOfEra, "元号の期間外の日付です（\(japaneseRange)）",
            english: "the date is outside its era (\(englishRange))")
    }
}

/// A cursor over a date text after folding: full-width ASCII to ASCII, square era signs to kanji, hyphen
/// look-alikes to "-", spaces dropped.
private struct DateScanner {
    private var scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        var folded: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if JapaneseCharacters.isSpace(scalar) || scalar == "\n" || scalar == "\r" { continue }
            if let era = JapaneseEra.all.first(where: { $0.squareSign == scalar }) {
                folded.append(contentsOf: era.kanji.unicodeScalars)
            } else if JapaneseCharacters.hyphens.contains(scalar) {
                folded.append("-")
            } else if let digit = JapaneseCharacters.digitValue(scalar) {
                folded.append(Unicode.Scalar(UInt8(0x30 + digit)))
            } else {
                folded.append(JapaneseCharacters.foldingFullWidthASCII(scalar))
            }
        }
        scalars = folded
    }

    var isAtEnd: Bool { index == scalars.count }

    var peekIsDigit: Bool { !isAtEnd && ("0"..."9").contains(scalars[index]) }

    mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard !isAtEnd, scalars[index] == scalar else { return false }
        index += 1
        return true
    }

    /// A run of ASCII digits; nil when there is none or it is longer than `maxDigits`.
    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var count = 0
        while peekIsDigit {
            value = value * 10 + Int(scalars[index].value - 0x30)
            count += 1
            index += 1
        }
        guard count > 0, count <= maxDigits else { return nil }
        return (value, count)
    }

    /// Everything up to the first digit or 元: the era's name or initial.
    mutating func eraName() -> String {
        var name = String.UnicodeScalarView()
        while !isAtEnd, !peekIsDigit, scalars[index] != "元" {
            name.append(scalars[index])
            index += 1
        }
        return String(name)
    }

    /// After the year: 年M月D日 (日 optional) or a separator (. / -) used twice, then the end of the text.
    mutating func monthAndDay() throws(JapaneseFormatError) -> (month: Int, day: Int) {
        guard !isAtEnd else { throw Wareki.unreadable }
        let separator = scalars[index]
        let kanjiStyle = separator == "年"
        guard kanjiStyle || separator == "." || separator == "/" || separator == "-" else { throw Wareki.unreadable }
        index += 1
        guard let month = number(maxDigits: 2) else { throw Wareki.unreadable }
        guard take(kanjiStyle ? "月" : separator) else { throw Wareki.unreadable }
        guard let day = number(maxDigits: 2) else { throw Wareki.unreadable }
        if kanjiStyle { _ = take("日") }
        guard isAtEnd else { throw Wareki.unreadable }
        return (month.value, day.value)
    }
}
