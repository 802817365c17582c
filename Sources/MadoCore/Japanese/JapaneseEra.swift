// SPDX-License-Identifier: Apache-2.0
// The modern 元号 (明治 to 令和) with their exact first and last days, as a built-in table.

/// One era. The table is data, not ICU: Foundation's Japanese calendar is slow to load on Linux and has
/// had era-year bugs (swift-foundation #2061 parses 平成10年 as 2098).
///
/// Changes of era: 大正 and 昭和 began on the day their predecessor's emperor died, so 1912-07-30 is both
/// 明治45年 and 大正元年, and 1926-12-25 both 大正15年 and 昭和元年. 平成 and 令和 began the day after the
/// previous era's last day. On a shared day `era(containing:)` answers the *new* era (as 官報 and ICU do);
/// `Wareki.parse` accepts both spellings.
public struct JapaneseEra: Hashable, Sendable, CustomStringConvertible {
    /// 令和
    public let kanji: String
    /// れいわ
    public let kana: String
    /// Reiwa
    public let romaji: String
    /// R (the initial used in R6.4.1)
    public let initial: Character
    /// ㋿ (the one-character square era sign, NFKC-equivalent to the kanji)
    public let squareSign: Unicode.Scalar
    /// The first day counted in the era.
    public let firstDay: CivilDate
    /// The last day, nil for the current era.
    public let lastDay: CivilDate?

    /// 明治: proclaimed 1868-10-23 (明治元年9月8日 on the old calendar). Dates are converted as Gregorian
    /// dates; Japan used the lunisolar calendar until 明治5年12月2日, so 明治1–5 dates from old documents
    /// need a 旧暦 table this type does not have.
    public static let meiji = JapaneseEra(
        kanji: "明治", kana: "めいじ", romaji: "Meiji", initial: "M", squareSign: "\u{337E}",
        firstDay: CivilDate(year: 1868, month: 10, day: 23)!, lastDay: CivilDate(year: 1912, month: 7, day: 30)!)
    public static let taisho = JapaneseEra(
        kanji: "大正", kana: "たいしょう", romaji: "Taisho", initial: "T", squareSign: "\u{337D}",
        firstDay: CivilDate(year: 1912, month: 7, day: 30)!, lastDay: CivilDate(year: 1926, month: 12, day: 25)!)
    public static let showa = JapaneseEra(
        kanji: "昭和", kana: "しょうわ", romaji: "Showa", initial: "S", squareSign: "\u{337C}",
        firstDay: CivilDate(year: 1926, month: 12, day: 25)!, lastDay: CivilDate(year: 1989, month: 1, day: 7)!)
    public static let heisei = JapaneseEra(
        kanji: "平成", kana: "へいせい", romaji: "Heisei", initial: "H", squareSign: "\u{337B}",
        firstDay: CivilDate(year: 1989, month: 1, day: 8)!, lastDay: CivilDate(year: 2019, month: 4, day: 30)!)
    public static let reiwa = JapaneseEra(
        kanji: "令和", kana: "れいわ", romaji: "Reiwa", initial: "R", squareSign: "\u{32FF}",
        firstDay: CivilDate(year: 2019, month: 5, day: 1)!, lastDay: nil)

    /// Oldest first.
    public static let all: [JapaneseEra] = [meiji, taisho, showa, heisei, reiwa]

    /// The era a date is written in; the newer era on a day two eras share; nil before 明治.
    public static func era(containing date: CivilDate) -> JapaneseEra? {
        all.last { $0.contains(date) }
    }

    /// The era named by its kanji (令和), the kanji's first character (令), hiragana or katakana reading,
    /// romaji, initial letter (R or r, ASCII or full-width) or square sign (㋿).
    public static func named(_ name: String) -> JapaneseEra? {
        let trimmed = JapaneseCharacters.trimmingSpaces(name)
        let folded = String(
            String.UnicodeScalarView(trimmed.unicodeScalars.map(JapaneseCharacters.foldingFullWidthASCII)))
        let katakanaReading = Kana.katakana(folded)
        return all.first { era in
            folded == era.kanji || folded == String(era.kanji.first!) || katakanaReading == Kana.katakana(era.kana)
                || folded.lowercased() == era.romaji.lowercased()
                || folded.uppercased() == String(era.initial)
                || folded.unicodeScalars.elementsEqual([era.squareSign])
        }
    }

    /// True when the date lies in the era (both ends included).
    public func contains(_ date: CivilDate) -> Bool {
        date >= firstDay && (lastDay.map { date <= $0 } ?? true)
    }

    /// The era year of a date (1 for 元年); meaningful for dates the era contains.
    public func eraYear(of date: CivilDate) -> Int {
        date.year - firstDay.year + 1
    }

    /// The Gregorian year of an era year: 令和6 → 2024.
    public func gregorianYear(eraYear: Int) -> Int {
        firstDay.year + eraYear - 1
    }

    public var description: String { kanji }
}
