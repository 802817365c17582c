// SPDX-License-Identifier: Apache-2.0
// Ticket numbers, their exhaustion, opening hours and switches, and the daily reset in Asia/Tokyo.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueNumberingTests {
    @Test func numbersArePaddedPerServiceAndIdsCarryTheBusinessDay() throws {
        var h = QueueHarness()
        #expect(try h.issue("moving", at: "09:00") == "A-001")
        #expect(try h.issue("certs", at: "09:00") == "B-001")
        #expect(try h.issue("moving", at: "09:01") == "A-002")
        #expect(h.ticket("A-002").id == "20261203-A-002")
    }

    @Test func numbersAreNeverReusedAndSurviveARestart() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("moving", at: "09:01")
        try h.run(.cancel(ticket: "A-002"), at: "09:02")
        // A restart: the state is rebuilt from the log alone.
        h.state = QueueState.replay(h.log)
        #expect(try h.issue("moving", at: "09:03") == "A-003")
    }

    @Test func aManualResetEndsOpenTicketsButNumberingContinues() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("moving", at: "09:01")
        _ = try h.callNext("1", at: "09:02")
        try h.run(.served(ticket: "A-001"), at: "09:03")
        try h.run(.reset, at: "12:00")
        #expect(h.ticket("A-001").state == .served)
        #expect(h.ticket("A-002").outcome == .removedByReset)
        #expect(try h.issue("moving", at: "12:01") == "A-003")
    }

    @Test func exhaustedRangeIsRefused() throws {
        var h = QueueHarness(config: wardConfiguration(movingNumbers: 98...99))
        #expect(try h.issue("moving", at: "09:00") == "A-098")
        #expect(try h.issue("moving", at: "09:01") == "A-099")
        let error = try #require(h.refusal(.issue(service: "moving", priority: nil, token: "x"), at: "09:02"))
        #expect(error.kind == .exhausted)
        #expect(
            error.message
                == "service 引越し (A) has issued every number up to A-099 today; numbering restarts at the daily reset (03:00)"
        )
    }

    struct HoursCase: Sendable, CustomStringConvertible {
        let service: String
        let time: String
        let open: Bool
        var description: String { "\(service) at \(time)" }
    }

    @Test(arguments: [
        HoursCase(service: "moving", time: "2026-12-03 08:29", open: false),
        HoursCase(service: "moving", time: "2026-12-03 08:30", open: true),
        HoursCase(service: "moving", time: "2026-12-03 16:59", open: true),
        HoursCase(service: "moving", time: "2026-12-03 17:00", open: false),
        HoursCase(service: "health", time: "2026-12-03 02:00", open: true),  // no hours: all day
        HoursCase(service: "kids", time: "2026-12-03 11:59", open: true),
        HoursCase(service: "kids", time: "2026-12-03 12:00", open: false),  // 午後は受付終了
        HoursCase(service: "kids", time: "2026-12-05 10:00", open: false),  // Saturday
    ])
    func openingHoursDecideIssuing(_ c: HoursCase) {
        let h = QueueHarness()
        let error = h.refusal(.issue(service: c.service, priority: nil, token: "t"), at: c.time)
        #expect((error == nil) == c.open)
        if let error { #expect(error.kind == .closed && error.field == "service") }
    }

    @Test func refusalNamesTheHours() throws {
        let h = QueueHarness()
        let error = try #require(h.refusal(.issue(service: "kids", priority: nil, token: "t"), at: "2026-12-05 10:00"))
        #expect(
            error.message
                == "service 児童・こども (D) issues tickets 08:30–12:00 on Mon, Tue, Wed, Thu, Fri; it is now Sat 10:00")
    }

    @Test func offSwitchStopsIssuingUntilTheNextBusinessDay() throws {
        var h = QueueHarness()
        try h.run(.setServiceEnabled(service: "moving", enabled: false), at: "15:00")
        let error = try #require(h.refusal(.issue(service: "moving", priority: nil, token: "t"), at: "15:01"))
        #expect(error.kind == .closed)
        #expect(error.message == "service 引越し (A) has stopped issuing tickets for today")
        #expect(try h.issue("moving", at: "2026-12-04 09:00") == "A-001")
    }

    @Test func dailyResetAcrossMidnightInTokyo() throws {
        var h = QueueHarness()
        try h.issue("health", at: "2026-12-03 09:00")  // C-001 served
        _ = try h.callNext("6", at: "2026-12-03 09:01")
        try h.run(.served(ticket: "C-001"), at: "2026-12-03 09:10")
        try h.issue("health", at: "2026-12-03 23:59")  // C-002, left open
        // 00:01 JST is still business day 12-03: the reset is at 03:00.
        #expect(try h.issue("health", at: "2026-12-04 00:01") == "C-003")
        #expect(h.state.day == BusinessDay(year: 2026, month: 12, day: 3))
        #expect(h.ticket("C-003").id == "20261203-C-003")
        // After 03:00 JST a new business day begins: numbers restart, open tickets end by reset.
        let events = try h.run(.issue(service: "health", priority: nil, token: "morning"), at: "2026-12-04 03:00")
        #expect(events.map(\.type) == ["dailyReset", "issued"])
        #expect(h.state.day == BusinessDay(year: 2026, month: 12, day: 4))
        #expect(h.state.ticket("C-001")?.id == "20261204-C-001")
        // The log keeps yesterday: the KPIs see C-002 and C-003 removed by the reset.
        let kpi = KPICalculator(config: h.config).daily(h.log)
        let dec3 = try #require(kpi.first { $0.day == BusinessDay("2026-12-03") && $0.service == "health" })
        #expect(dec3.issued == 3 && dec3.served == 1 && dec3.removedByReset == 2)
    }

    @Test func timerResetIsDueOnlyAfterTheResetTime() throws {
        var h = QueueHarness()
        try h.issue("health", at: "2026-12-03 23:00")
        #expect(QueueEngine.dailyResetIfDue(state: h.state, config: h.config, now: jst("2026-12-04 02:59")).isEmpty)
        let due = QueueEngine.dailyResetIfDue(state: h.state, config: h.config, now: jst("2026-12-04 03:00"))
        #expect(due == [.dailyReset(at: jst("2026-12-04 03:00"), day: BusinessDay(year: 2026, month: 12, day: 4))])
    }

    @Test func businessDayStartsAtTheResetTime() {
        let calendar = BusinessCalendar(timeZone: TimeZone(identifier: "Asia/Tokyo")!, resetTime: TimeOfDay("03:00")!)
        #expect(calendar.businessDay(of: jst("2026-12-04 02:59")).description == "2026-12-03")
        #expect(calendar.businessDay(of: jst("2026-12-04 03:00")).description == "2026-12-04")
        #expect(calendar.start(of: BusinessDay(year: 2026, month: 12, day: 4)) == jst("2026-12-04 03:00"))
        // Year boundary: the small hours of 1 January belong to 31 December.
        #expect(calendar.businessDay(of: jst("2027-01-01 01:00")).description == "2026-12-31")
    }

    @Test func numberReferencesAreLenient() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        for reference in ["A-001", "a-1", "A001", "a1", "20261203-A-001"] {
            #expect(h.state.ticket(reference)?.number == "A-001", "\(reference)")
        }
        #expect(h.state.ticket("B-001") == nil)
        #expect(h.state.ticket(token: "token-1")?.number == "A-001")
    }
}
