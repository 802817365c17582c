// SPDX-License-Identifier: Apache-2.0
// The call rules: longest wait, priority, service order, ratio and max wait.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueCallRuleTests {
    @Test func longestWaitCallsTheOldestTicketAcrossServices() throws {
        var h = QueueHarness()
        try h.issue("certs", at: "09:00")  // B-001
        try h.issue("moving", at: "09:01")
        try h.issue("certs", at: "09:02")  // B-002
        let order = try (0..<3).map { i in try h.callNext("2", at: "09:1\(i)") }
        #expect(order == ["B-001", "A-001", "B-002"])
    }

    @Test func aTicketStillBeingPrintedIsPassedOverUntilItIsHeld() throws {
        var h = QueueHarness()
        try h.issue("certs", at: "09:00")  // B-001, still coming out of the kiosk printer
        try h.issue("certs", at: "09:01")  // B-002
        let printing: Set<String> = [h.ticket("B-001").id]
        let first = try QueueEngine.decide(
            .callNext(counter: "2"), state: h.state, config: h.config, now: h.instant("09:02"), notYetHeld: printing)
        #expect(QueueEngine.calledTicket(in: first) == h.ticket("B-002").id)
        for event in first { h.state.apply(event) }
        // With only the printing ticket waiting, call-next calls nobody (and says so by no call).
        let none = try QueueEngine.decide(
            .callNext(counter: "2"), state: h.state, config: h.config, now: h.instant("09:03"), notYetHeld: printing)
        #expect(QueueEngine.calledTicket(in: none) == nil)
        // Once it is in the resident's hand it is called as usual.
        #expect(try h.callNext("2", at: "09:04") == "B-001")
    }

    @Test func priorityTicketsGoFirstWithinTheRule() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("certs", at: "09:01")  // B-001
        try h.issue("moving", priority: "pregnant", at: "09:05")
        #expect(try h.callNext("2", at: "09:06") == "A-002")
        #expect(try h.callNext("2", at: "09:07") == "A-001")
    }

    @Test func unknownPriorityCategoryIsRefused() throws {
        let h = QueueHarness()
        let error = try #require(h.refusal(.issue(service: "moving", priority: "vip", token: "t"), at: "09:00"))
        #expect(error.kind == .invalid && error.field == "priority")
        #expect(error.message == "unknown priority category \"vip\" (configured: elderly, disabled, pregnant)")
    }

    @Test func serviceOrderEmptiesTheFirstServiceFirst() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("certs", at: "09:10")  // B-001
        try h.issue("certs", at: "09:11")  // B-002
        let order = try (0..<3).map { i in try h.callNext("3", at: "09:2\(i)") }
        #expect(order == ["B-001", "B-002", "A-001"])
    }

    @Test func ratioCallsTwoMovingForEachCertificate() throws {
        var h = QueueHarness()
        for i in 0..<5 { try h.issue("certs", at: "09:0\(i)") }
        for i in 0..<6 { try h.issue("moving", at: "09:1\(i)") }
        let order = try (0..<9).map { i in try h.callNext("4", at: "10:0\(i)")! }
        #expect(order.map { $0.prefix(1) }.joined() == "AABAABAAB")
    }

    @Test func ratioSkipsAnEmptyServiceAndKeepsCycling() throws {
        var h = QueueHarness()
        try h.issue("certs", at: "09:00")
        try h.issue("certs", at: "09:01")
        try h.issue("moving", at: "09:02")
        // Slots A, A, B: A-001, then no more A so B-001, then the cycle restarts at A: none, so B-002.
        let order = try (0..<3).map { i in try h.callNext("4", at: "10:0\(i)")! }
        #expect(order == ["A-001", "B-001", "B-002"])
        #expect(h.state.counters["4"]?.ratioSlot == 0)
    }

    @Test func maxWaitLetsAnOverdueTicketOvertakeServiceOrderAndPriority() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")  // A-001, waits 31 min by 09:31
        try h.issue("certs", at: "09:20")  // B-001
        try h.issue("certs", priority: "elderly", at: "09:25")  // B-002
        // Counter 5 prefers certs (priority first), but A-001 has waited longer than 30 minutes.
        #expect(try h.callNext("5", at: "09:31") == "A-001")
        #expect(try h.callNext("5", at: "09:32") == "B-002")
        #expect(try h.callNext("5", at: "09:33") == "B-001")
    }

    @Test func maxWaitBelowTheLimitFollowsServiceOrder() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("certs", at: "09:20")
        #expect(try h.callNext("5", at: "09:29") == "B-001")
    }

    @Test func transferKeepsTheArrivalTime() throws {
        var h = QueueHarness()
        try h.issue("certs", at: "09:00")  // B-001 arrives first
        try h.issue("moving", at: "09:10")
        _ = try h.callNext("3", at: "09:11")  // certs first: B-001
        try h.run(.transfer(ticket: "B-001", service: "moving"), at: "09:20")
        let moved = h.ticket("B-001")
        #expect(moved.service == "moving" && moved.issuedAt == h.instant("09:00") && moved.transferCount == 1)
        // In the moving queue B-001 is ahead of A-001, which arrived later.
        #expect(h.state.waiting(service: "moving").map(\.number) == ["B-001", "A-001"])
        #expect(try h.callNext("1", at: "09:21") == "B-001")
    }
}
