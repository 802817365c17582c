// SPDX-License-Identifier: Apache-2.0
// CivilDate: validity, ISO text, day arithmetic and 満年齢 (leap-day births included).
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct JapaneseCivilDateTests {
    @Test(arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true), ("1900-02-29", false),
        ("2026-04-31", false), ("2026-12-31", true), ("2026-13-01", false), ("2026-00-10", false),
        ("2026-12-3", false), ("2026/12/03", false), ("20261203", false), ("２０２６-12-03", false),
    ])
    func isoTextIsReadOnlyWhenTheDateExists(text: String, valid: Bool) {
        #expect((CivilDate(iso: text) != nil) == valid)
    }

    @Test func isoTextRoundTrips() {
        let date = CivilDate(iso: "2026-12-03")!
        #expect(date.year == 2026 && date.month == 12 && date.day == 3)
        #expect(date.iso == "2026-12-03")
        #expect("\(CivilDate(year: 812, month: 1, day: 5)!)" == "0812-01-05")
    }

    @Test func daysSinceEpochMatchesKnownDays() {
        #expect(CivilDate(iso: "1970-01-01")!.daysSinceEpoch == 0)
        #expect(CivilDate(iso: "2000-03-01")!.daysSinceEpoch == 11_017)
        #expect(CivilDate(iso: "1969-12-31")!.daysSinceEpoch == -1)
        #expect(CivilDate(iso: "0001-01-01")!.daysSinceEpoch == -719_162)
        #expect(CivilDate(iso: "9999-12-31")!.daysSinceEpoch == 2_932_896)
    }

    @Test func everyDayOfFourCenturiesRoundTripsThroughItsDayNumber() {
        var date = CivilDate(iso: "1800-01-01")!
        var number = date.daysSinceEpoch
        let end = CivilDate(iso: "2200-12-31")!
        while date < end {
            let next = date.adding(days: 1)
            number += 1
            #expect(next.daysSinceEpoch == number)
            #expect(CivilDate(year: next.year, month: next.month, day: next.day) == next)
            date = next
        }
    }

    @Test func addingDaysCrossesMonthAndLeapDay() {
        #expect(CivilDate(iso: "2024-02-28")!.adding(days: 1).iso == "2024-02-29")
        #expect(CivilDate(iso: "2023-02-28")!.adding(days: 1).iso == "2023-03-01")
        #expect(CivilDate(iso: "2026-12-31")!.adding(days: 1).iso == "2027-01-01")
        #expect(CivilDate(iso: "2026-03-01")!.adding(days: -1).iso == "2026-02-28")
        #expect(CivilDate(iso: "2026-12-03")!.days(until: CivilDate(iso: "2027-01-02")!) == 30)
    }

    @Test func comparisonFollowsTheCalendar() {
        #expect(CivilDate(iso: "2026-01-31")! < CivilDate(iso: "2026-02-01")!)
        #expect(CivilDate(iso: "2025-12-31")! < CivilDate(iso: "2026-01-01")!)
        #expect(!(CivilDate(iso: "2026-02-01")! < CivilDate(iso: "2026-02-01")!))
    }

    @Test func weekdayAndFiscalYear() {
        #expect(CivilDate(iso: "2026-12-03")!.weekdayKanji == "木")
        #expect(CivilDate(iso: "2019-05-01")!.weekdayKanji == "水")
        #expect(CivilDate(iso: "1969-12-28")!.weekday == 0)
        #expect(CivilDate(iso: "2027-03-31")!.fiscalYear == 2026)
        #expect(CivilDate(iso: "2027-04-01")!.fiscalYear == 2027)
    }

    @Test func localDateOfAnInstantIsJapanTimeByDefault() {
        // 2026-12-02T15:00:00Z is midnight, 3 December, in Japan.
        let instant = Date(timeIntervalSince1970: 1_796_223_600)
        #expect(CivilDate(instant).iso == "2026-12-03")
        #expect(CivilDate(instant.addingTimeInterval(-1)).iso == "2026-12-02")
        #expect(CivilDate(instant, secondsFromGMT: 0).iso == "2026-12-02")
        #expect(CivilDate(Date(timeIntervalSince1970: -1), secondsFromGMT: 0).iso == "1969-12-31")
    }

    @Test func ageIncreasesOnTheBirthday() {
        let birth = CivilDate(iso: "1990-06-15")!
        #expect(birth.age(on: CivilDate(iso: "2026-06-14")!) == 35)
        #expect(birth.age(on: CivilDate(iso: "2026-06-15")!) == 36)
        #expect(birth.age(on: CivilDate(iso: "1990-06-15")!) == 0)
        #expect(birth.age(on: CivilDate(iso: "1990-06-14")!) == -1)
    }

    @Test func leapDayBirthIsAYearOlderOnFirstMarchInCommonYears() {
        let birth = CivilDate(iso: "2008-02-29")!
        #expect(birth.age(on: CivilDate(iso: "2026-02-28")!) == 17)
        #expect(birth.age(on: CivilDate(iso: "2026-03-01")!) == 18)
        #expect(birth.age(on: CivilDate(iso: "2028-02-28")!) == 19)
        #expect(birth.age(on: CivilDate(iso: "2028-02-29")!) == 20)
        #expect(birth.anniversary(years: 18).iso == "2026-03-01")
        #expect(birth.anniversary(years: 20).iso == "2028-02-29")
    }

    @Test func theDayOfAttainingAnAgeIsTheDayBeforeTheBirthday() {
        #expect(CivilDate(iso: "1961-04-01")!.dayAttaining(age: 65).iso == "2026-03-31")
        #expect(CivilDate(iso: "2008-02-29")!.dayAttaining(age: 18).iso == "2026-02-28")
        #expect(CivilDate(iso: "2008-03-01")!.dayAttaining(age: 18).iso == "2026-02-28")
    }

    @Test func childBornOnFirstAprilLeavesAFiscalYearEarlier() {
        // 「18歳に達する日以後の最初の3月31日」: born 4月1日 reaches 18 on 3月31日 itself.
        #expect(CivilDate(iso: "2008-04-01")!.endOfFiscalYearAttaining(age: 18).iso == "2026-03-31")
        #expect(CivilDate(iso: "2008-04-02")!.endOfFiscalYearAttaining(age: 18).iso == "2027-03-31")
        #expect(CivilDate(iso: "2009-03-31")!.endOfFiscalYearAttaining(age: 18).iso == "2027-03-31")
    }

    @Test func codableUsesISOText() throws {
        let data = try JSONEncoder().encode([CivilDate(iso: "2026-12-03")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-03"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
