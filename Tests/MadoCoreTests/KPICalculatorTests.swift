// SPDX-License-Identifier: Apache-2.0
// The KPI formulas on a hand-checked day, and the CSV the open-data export publishes.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct KPICalculatorTests {
    /// One hand-made morning at counter 2 (moving + certs, longest wait first), all times JST:
    ///
    /// | ticket | issued | called        | end                  | wait | service | stay |
    /// |--------|--------|---------------|----------------------|------|---------|------|
    /// | B-001  | 09:00  | 09:04         | served 09:10 (next)  | 4    | 6       | 10   |
    /// | B-002  | 09:01  | 09:10         | served 09:12         | 9    | 2       | 11   |
    /// | B-003  | 09:02  | 09:15, 17, 19 | no-show 09:21        | –    | –       | –    |
    /// | B-004  | 09:03  | 09:22         | served 09:52         | 19   | 30      | 49   |
    /// | B-005  | 09:05  | –             | cancelled 09:20      | –    | –       | –    |
    /// | B-006  | 09:06  | 09:53         | transferred 10:00    | 47   | 7       | –    |
    /// |  → moving | (10:00) | 10:05 at counter 1 | served 10:25 | 5 | 20 | 79 (from 09:06) |
    /// | B-007  | 09:07  | –             | open at the 03:00 reset | – | –       | –    |
    static func morning() throws -> QueueHarness {
        var h = QueueHarness()
        for (i, time) in ["09:00", "09:01", "09:02", "09:03", "09:05", "09:06", "09:07"].enumerated() {
            #expect(try h.issue("certs", at: time) == "B-00\(i + 1)")
        }
        #expect(try h.callNext("2", at: "09:04") == "B-001")
        #expect(try h.callNext("2", at: "09:10") == "B-002")
        try h.run(.served(ticket: "B-002"), at: "09:12")
        #expect(try h.callNext("2", at: "09:15") == "B-003")
        try h.run(.recall(ticket: "B-003"), at: "09:17")
        try h.run(.recall(ticket: "B-003"), at: "09:19")
        try h.run(.cancel(ticket: "B-005"), at: "09:20")
        try h.run(.noShow(ticket: "B-003"), at: "09:21")
        #expect(try h.callNext("2", at: "09:22") == "B-004")
        try h.run(.served(ticket: "B-004"), at: "09:52")
        #expect(try h.callNext("2", at: "09:53") == "B-006")
        try h.run(.transfer(ticket: "B-006", service: "moving"), at: "10:00")
        #expect(try h.callNext("1", at: "10:05") == "B-006")
        try h.run(.served(ticket: "B-006"), at: "10:25")
        try h.run(.closeCounter(counter: "2"), at: "10:30")
        try h.run(.reset, at: "2026-12-04 03:00")
        return h
    }

    @Test func dailyFiguresMatchTheHandCheckedLog() throws {
        let h = try Self.morning()
        let rows = KPICalculator(config: h.config).daily(h.log)
        #expect(rows.map(\.service) == ["moving", "certs"])  // configuration order
        let certs = rows[1]
        #expect(certs.day == BusinessDay("2026-12-03"))
        #expect(
            [certs.issued, certs.served, certs.noShow, certs.transferred, certs.cancelled, certs.removedByReset]
                == [7, 3, 1, 1, 1, 1] as [Int])
        // Waits 4, 9, 19, 47 min: median (9 + 19) / 2 = 14; p90 at rank 3·0.9 = 2.7 → 19 + 0.7·28 = 38.6; max 47.
        #expect(certs.waiting == DurationSummary(count: 4, median: 14 * 60, p90: 38.6 * 60, max: 47 * 60))
        // Service 2, 6, 7, 30 min: median 6.5; p90 → 7 + 0.7·23 = 23.1; max 30.
        #expect(certs.serviceTime.count == 4)
        #expect(abs(certs.serviceTime.median! - 6.5 * 60) < 1e-6 && abs(certs.serviceTime.p90! - 23.1 * 60) < 1e-6)
        #expect(certs.serviceTime.max == 30.0 * 60)
        // Stays 10, 11, 49 min: median 11; p90 at rank 2·0.9 = 1.8 → 11 + 0.8·38 = 41.4; max 49.
        #expect(certs.stay.count == 3 && certs.stay.median == 11 * 60 && certs.stay.max == 49 * 60)
        #expect(abs(certs.stay.p90! - 41.4 * 60) < 1e-6)
        // B-006 finished in moving: its wait there counts from the transfer, its stay from 09:06.
        let moving = rows[0]
        #expect([moving.issued, moving.served, moving.transferred] == [0, 1, 0] as [Int])
        #expect(moving.waiting.median == 5 * 60 && moving.serviceTime.median == 20 * 60 && moving.stay.max == 79 * 60)
    }

    @Test func counterUtilisation() throws {
        let h = try Self.morning()
        let counters = KPICalculator(config: h.config).report(h.log).counters
        #expect(counters.map(\.counter) == ["1", "2"])
        // Counter 2: open 09:04–10:30 (86 min); busy 6 + 2 + 6 + 30 + 7 = 51 min; 7 calls, 3 served.
        let two = counters[1]
        #expect(two.openSeconds == 86 * 60 && two.busySeconds == 51 * 60 && two.calls == 7 && two.served == 3)
        #expect(abs(two.utilisation! - 51.0 / 86.0) < 1e-9)
        // Counter 1 was never closed: open until its last activity, 10:25.
        #expect(counters[0].openSeconds == 20 * 60 && counters[0].utilisation == 1)
    }

    @Test func hourlyRowsUseTheLocalHourOfEachEvent() throws {
        let h = try Self.morning()
        let rows = KPICalculator(config: h.config).hourly(h.log)
        let certs = rows.filter { $0.service == "certs" }
        #expect(certs.map(\.hour) == [3, 9, 10])  // 03:00 is the reset, still business day 12-03
        #expect(certs[1].issued == 7 && certs[1].served == 3 && certs[1].waiting.count == 3)
        #expect(certs[2].transferred == 1 && certs[2].waiting.max == 47 * 60)
        #expect(certs[0].removedByReset == 1 && certs[0].day == BusinessDay("2026-12-03"))
    }

    @Test func aReturnedNoShowIsNotCountedAsANoShow() throws {
        var h = QueueHarness()
        try h.issue("health", at: "09:00")
        _ = try h.callNext("6", at: "09:01")
        try h.run(.noShow(ticket: "C-001"), at: "09:03")
        try h.run(.returnToQueue(ticket: "C-001"), at: "09:20")
        _ = try h.callNext("6", at: "09:30")
        try h.run(.served(ticket: "C-001"), at: "09:40")
        let row = try #require(KPICalculator(config: h.config).daily(h.log).first)
        #expect(row.noShow == 0 && row.served == 1)
        #expect(row.waiting.max == 30.0 * 60)  // from issue to the last call
    }

    @Test func dayRangeFiltersByBusinessDay() throws {
        var h = QueueHarness()
        try h.issue("health", at: "2026-12-03 10:00")
        try h.issue("health", at: "2026-12-04 10:00")
        try h.issue("health", at: "2026-12-05 10:00")
        let calculator = KPICalculator(config: h.config)
        let rows = calculator.daily(h.log, from: BusinessDay("2026-12-04"), to: BusinessDay("2026-12-04"))
        #expect(rows.map(\.day.description) == ["2026-12-04"])
        #expect(rows[0].issued == 1 && rows[0].removedByReset == 1)
    }

    @Test func csvIsRFC4180WithAHeader() throws {
        let h = try Self.morning()
        let report = KPICalculator(config: h.config).report(h.log)
        let lines = report.daily.csv().components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "date,service,service_name,issued,served,no_show,transferred,cancelled,removed_by_reset,"
                + "waiting_median_min,waiting_p90_min,waiting_max_min,service_median_min,service_p90_min,"
                + "service_max_min,stay_median_min,stay_p90_min,stay_max_min")
        #expect(lines[1] == "2026-12-03,moving,引越し,0,1,0,0,0,0,5.0,5.0,5.0,20.0,20.0,20.0,79.0,79.0,79.0")
        #expect(lines[2] == "2026-12-03,certs,証明書,7,3,1,1,1,1,14.0,38.6,47.0,6.5,23.1,30.0,11.0,41.4,49.0")
        #expect(lines.count == 4 && lines[3] == "")
        #expect(report.hourly.csv().hasPrefix("date,hour,service,"))
        #expect(report.hourly.csv(byteOrderMark: true).hasPrefix("\u{FEFF}date,hour,"))
        let counters = report.counters.csv().components(separatedBy: "\r\n")
        #expect(counters[0] == "date,counter,counter_name,open_min,busy_min,utilisation,calls,served")
        #expect(counters[2] == "2026-12-03,2,2番窓口,86.0,51.0,0.593,7,3")
        // Open data: no ticket ids, numbers or tokens anywhere.
        let all = report.daily.csv() + report.hourly.csv() + report.counters.csv()
        #expect(!all.contains("token") && !all.contains("B-00") && !all.contains("20261203-"))
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("証明書", "証明書"),
    ])
    func csvFieldsAreQuotedOnlyWhenNeeded(_ field: String, _ expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test func emptySamplesLeaveEmptyCells() {
        var writer = CSVWriter()
        writer.field("x")
        writer.minutes(nil)
        writer.field(0.0005, places: 3)
        writer.field(-90, places: 1)
        writer.field(BusinessDay(year: 2027, month: 1, day: 5))
        writer.field(7)
        writer.endRow()
        #expect(writer.text == "x,,0.001,-90.0,2027-01-05,7\r\n")
    }

    @Test func quantilesInterpolateLikeASpreadsheet() {
        var values: [Double] = [15, 20, 35, 40, 50]
        let s = DurationSummary(sorting: &values)
        #expect(s.median == 35 && s.p90 == 46 && s.max == 50)  // PERCENTILE.INC({…}, 0.9) = 40 + 0.6·10
        var one: [Double] = [7]
        #expect(DurationSummary(sorting: &one) == DurationSummary(count: 1, median: 7, p90: 7, max: 7))
        var none: [Double] = []
        #expect(DurationSummary(sorting: &none) == .empty)
    }
}
