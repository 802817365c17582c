// SPDX-License-Identifier: Apache-2.0
// 和暦: every era boundary both ways, the accepted spellings, and the refusals with their reasons.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct JapaneseWarekiTests {
    private func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    /// Each boundary day as printed on a form. 1912-07-30 and 1926-12-25 belong to two eras; the new
    /// era is printed (大正元年7月30日, 昭和元年12月25日).
    static let boundaries: [(iso: String, long: String, short: String)] = [
        ("1912-07-29", "明治45年7月29日", "M45.7.29"),
        ("1912-07-30", "大正元年7月30日", "T1.7.30"),
        ("1926-12-24", "大正15年12月24日", "T15.12.24"),
        ("1926-12-25", "昭和元年12月25日", "S1.12.25"),
        ("1989-01-07", "昭和64年1月7日", "S64.1.7"),
        ("1989-01-08", "平成元年1月8日", "H1.1.8"),
        ("2019-04-30", "平成31年4月30日", "H31.4.30"),
        ("2019-05-01", "令和元年5月1日", "R1.5.1"),
        ("2020-01-01", "令和2年1月1日", "R2.1.1"),
        ("2026-12-03", "令和8年12月3日", "R8.12.3"),
    ]

    @Test(arguments: boundaries)
    func boundaryDaysFormatInTheirEra(boundary: (iso: String, long: String, short: String)) {
        #expect(Wareki.format(date(boundary.iso)) == boundary.long)
        #expect(Wareki.format(date(boundary.iso), style: .short) == boundary.short)
    }

    @Test(arguments: boundaries)
    func boundaryDaysParseBack(boundary: (iso: String, long: String, short: String)) throws {
        #expect(try Wareki.parse(boundary.long) == date(boundary.iso))
        #expect(try Wareki.parse(boundary.short) == date(boundary.iso))
    }

    @Test func aDayTwoErasShareIsAcceptedInEither() throws {
        #expect(try Wareki.parse("明治45年7月30日") == date("1912-07-30"))
        #expect(try Wareki.parse("大正元年7月30日") == date("1912-07-30"))
        #expect(try Wareki.parse("大正15年12月25日") == date("1926-12-25"))
        #expect(try Wareki.parse("昭和元年12月25日") == date("1926-12-25"))
    }

    @Test(arguments: [
        "明治45年7月31日", "大正元年7月29日", "大正15年12月26日", "昭和元年12月24日", "昭和64年1月8日",
        "平成元年1月7日", "平成31年5月1日", "令和元年4月30日", "H31.5.1", "S64.1.8", "R1.4.30",
    ])
    func aDateOutsideTheEraItIsWrittenInIsRefused(text: String) {
        #expect(throws: JapaneseFormatError.self) { try Wareki.parse(text) }
        do {
            _ = try Wareki.parse(text)
        } catch {
            #expect(error.code == .outOfEra)
            #expect(error.code.rawValue == "out_of_era")
        }
    }

    @Test func outOfEraReasonStatesTheEraRange() {
        do {
            _ = try Wareki.parse("平成31年5月1日")
            Issue.record("平成31年5月1日 was accepted")
        } catch {
            #expect(error.message == "元号の期間外の日付です（平成は平成元年1月8日から平成31年4月30日まで）")
            #expect(error.messageEnglish == "the date is outside its era (Heisei runs from 1989-01-08 to 2019-04-30)")
        }
        do {
            _ = try Wareki.parse("令和元年4月30日")
            Issue.record("令和元年4月30日 was accepted")
        } catch {
            #expect(error.message == "元号の期間外の日付です（令和は令和元年5月1日から）")
        }
    }

    @Test(arguments: [
        ("令和6年4月1日", "2024-04-01"), ("令和元年5月1日", "2019-05-01"), ("令和１年５月１日", "2019-05-01"),
        ("R6.4.1", "2024-04-01"), ("R6/4/1", "2024-04-01"), ("R6-4-1", "2024-04-01"), ("r06.04.01", "2024-04-01"),
        ("Ｒ６．４．１", "2024-04-01"), ("H31.4.30", "2019-04-30"), ("令和６年４月１日", "2024-04-01"),
        ("\u{32FF}6年4月1日", "2024-04-01"), ("\u{32FF}元年5月1日", "2019-05-01"), ("\u{337B}31年4月30日", "2019-04-30"),
        ("\u{337C}64年1月7日", "1989-01-07"), ("令和 6年 4月 1日", "2024-04-01"), ("　令和6年4月1日　", "2024-04-01"),
        ("令和6年4月1", "2024-04-01"), ("令6.4.1", "2024-04-01"), ("平成元年1月8日", "1989-01-08"),
        ("Heisei 1.1.8", "1989-01-08"), ("れいわ6年4月1日", "2024-04-01"), ("明治33年1月1日", "1900-01-01"),
        ("2026-12-03", "2026-12-03"), ("2026/12/3", "2026-12-03"), ("2026.12.3", "2026-12-03"),
        ("2026年12月3日", "2026-12-03"), ("２０２６－１２－０３", "2026-12-03"), ("1850-01-01", "1850-01-01"),
    ])
    func acceptedSpellings(text: String, iso: String) throws {
        #expect(try Wareki.parse(text) == date(iso))
    }

    @Test(arguments: [
        ("", JapaneseFormatError.Code.empty), ("  ", .empty), ("令和", .invalidDate), ("令和6年", .invalidDate),
        ("令和6年4月", .invalidDate), ("R6.4", .invalidDate), ("R6.4/1", .invalidDate), ("令和0年1月1日", .invalidDate),
        ("令和6年2月30日", .invalidDate), ("平成31年2月29日", .invalidDate), ("2026-02-29", .invalidDate),
        ("26-12-03", .invalidDate), ("令和6年4月1日生", .invalidDate), ("X6.4.1", .unknownEra),
        ("天保6年4月1日", .unknownEra), ("6年4月1日", .invalidDate),
    ])
    func unreadableDatesAreRefused(text: String, code: JapaneseFormatError.Code) {
        do {
            let parsed = try Wareki.parse(text)
            Issue.record("\(text) parsed as \(parsed)")
        } catch {
            #expect(error.code == code, "\(text)")
        }
    }

    @Test func errorsNeverQuoteTheInput() {
        for text in ["令和6年2月30日", "X6.4.1", "平成31年5月1日", "令和6年4月1日生"] {
            do {
                _ = try Wareki.parse(text)
            } catch {
                #expect(
                    !error.message.contains("2月30日") && !error.message.contains("X6") && !error.message.contains("生"))
                #expect(!error.messageEnglish.contains("X6") && !error.description.contains("5月1日"))
            }
        }
    }

    @Test func formatAndParseAgreeOnEveryDayFromMeijiToReiwa() throws {
        var day = date("1873-01-01")
        let end = date("2040-12-31")
        while day <= end {
            #expect(try Wareki.parse(Wareki.format(day)) == day)
            #expect(try Wareki.parse(Wareki.format(day, style: .short)) == day)
            day = day.adding(days: 1)
        }
    }

    @Test func civilDateParsingTakesEverySpelling() throws {
        #expect(try CivilDate(parsing: "令和8年12月3日") == date("2026-12-03"))
        #expect(try CivilDate(parsing: "2026-12-03") == date("2026-12-03"))
        #expect(throws: JapaneseFormatError.self) { try CivilDate(parsing: "令和8年13月3日") }
    }

    @Test func componentsForFormsWithSeparateBoxes() {
        let parts = Wareki.components(of: date("2019-05-01"))!
        #expect(parts.era == .reiwa && parts.year == 1 && parts.yearText == "元" && parts.month == 5 && parts.day == 1)
        #expect(Wareki.components(of: date("1868-10-22")) == nil)
        #expect(Wareki.components(of: date("1868-10-23"))?.era == .meiji)
        #expect(Wareki.format(date("1850-01-02")) == "1850年1月2日")
    }

    @Test func eraTable() {
        #expect(JapaneseEra.all.map(\.kanji) == ["明治", "大正", "昭和", "平成", "令和"])
        #expect(JapaneseEra.all.map(\.initial) == ["M", "T", "S", "H", "R"])
        #expect(JapaneseEra.reiwa.kana == "れいわ" && JapaneseEra.reiwa.lastDay == nil)
        #expect(JapaneseEra.heisei.gregorianYear(eraYear: 31) == 2019)
        #expect(
            JapaneseEra.named("㋿") == .reiwa && JapaneseEra.named("ｈ") == .heisei && JapaneseEra.named("ショウワ") == .showa
        )
        #expect(JapaneseEra.named("天保") == nil)
        // Consecutive eras meet: the next one starts on the last day or the day after it.
        for (older, newer) in zip(JapaneseEra.all, JapaneseEra.all.dropFirst()) {
            let gap = older.lastDay!.days(until: newer.firstDay)
            #expect(gap == 0 || gap == 1)
        }
    }
}
