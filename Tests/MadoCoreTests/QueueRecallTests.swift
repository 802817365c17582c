// SPDX-License-Identifier: Apache-2.0
// Recalls with their cooldown, automatic no-shows and returning no-shows (ticket tolerance).
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueRecallTests {
    @Test func recallWithinTheCooldownIsRefused() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        _ = try h.callNext("1", at: "09:01:00")
        let error = try #require(h.refusal(.recall(ticket: "A-001"), at: "2026-12-03 09:01:40"))
        #expect(error.kind == .tooSoon)
        #expect(error.message == "ticket A-001 was called 40 s ago; it can be recalled 60 s after a call")
        try h.run(.recall(ticket: "A-001"), at: "2026-12-03 09:02:00")
        let t = h.ticket("A-001")
        #expect(t.callCount == 2 && t.lastCalledAt == h.instant("09:02") && t.counter == "1")
    }

    @Test func recallAfterTheLimitMarksANoShow() throws {
        var h = QueueHarness()  // noShowAfterRecalls: 2
        try h.issue("moving", at: "09:00")
        _ = try h.callNext("1", at: "09:01")
        try h.run(.recall(ticket: "A-001"), at: "09:02")
        try h.run(.recall(ticket: "A-001"), at: "09:03")
        #expect(h.ticket("A-001").state == .called && h.ticket("A-001").callCount == 3)
        let events = try h.run(.recall(ticket: "A-001"), at: "09:04")
        #expect(events == [.noShow(at: h.instant("09:04"), ticket: "20261203-A-001", automatic: true)])
        #expect(h.ticket("A-001").state == .noShow)
        #expect(h.state.counters["1"]?.currentTicket == nil)
    }

    @Test func aNoShowReturnsOnlyWithinTheToleranceWindow() throws {
        var h = QueueHarness()  // noShowReturnMinutes: 60
        try h.issue("moving", at: "09:00")
        try h.issue("moving", at: "09:00")
        _ = try h.callNext("1", at: "09:01")
        try h.run(.noShow(ticket: "A-001"), at: "09:05")
        _ = try h.callNext("1", at: "09:06")
        try h.run(.noShow(ticket: "A-002"), at: "09:10")
        try h.run(.returnToQueue(ticket: "A-001"), at: "10:05")  // exactly 60 min: allowed
        #expect(h.ticket("A-001").state == .waiting)
        let late = try #require(h.refusal(.returnToQueue(ticket: "A-002"), at: "10:11"))
        #expect(late.kind == .invalidTransition)
        #expect(late.message == "ticket A-002 missed its call more than 60 min ago; issue a new ticket")
        let lateCall = try #require(h.refusal(.callNumber(counter: "1", number: "A-002"), at: "10:11"))
        #expect(lateCall.message == late.message)
    }

    @Test func returningNoShowsCanBeSwitchedOff() throws {
        var h = QueueHarness(config: wardConfiguration(noShowReturnMinutes: 0))
        try h.issue("moving", at: "09:00")
        _ = try h.callNext("1", at: "09:01")
        try h.run(.noShow(ticket: "A-001"), at: "09:05")
        let error = try #require(h.refusal(.returnToQueue(ticket: "A-001"), at: "09:06"))
        #expect(error.message.contains("returning no-shows is switched off"))
    }

    @Test func pickupCanBeRecalledAndMarkedNoShow() throws {
        var h = QueueHarness()
        try h.issue("certs", at: "09:00")
        _ = try h.callNext("2", at: "09:01")
        try h.run(.pending(ticket: "B-001"), at: "09:10")
        #expect(h.state.counters["2"]?.currentTicket == nil)
        try h.run(.callNumber(counter: "2", number: "B-001"), at: "09:40")
        #expect(h.ticket("B-001").state == .pickup)
        try h.run(.recall(ticket: "B-001"), at: "09:42")
        #expect(h.ticket("B-001").state == .pickup && h.ticket("B-001").callCount == 3)
        try h.run(.served(ticket: "B-001"), at: "09:43")
        #expect(h.ticket("B-001").outcome == .served)
    }
}
