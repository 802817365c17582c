// SPDX-License-Identifier: Apache-2.0
// Every ticket state transition the counters use, and the refusals staff see for wrong ones.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueTransitionTests {
    /// A harness with ticket A-001 brought into `state` at counter 1.
    static func ticket(in state: TicketState) throws -> QueueHarness {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        switch state {
        case .waiting: break
        case .called: _ = try h.callNext("1", at: "09:01")
        case .serving:
            _ = try h.callNext("1", at: "09:01")
            try h.run(.start(ticket: "A-001"), at: "09:02")
        case .parked:
            _ = try h.callNext("1", at: "09:01")
            try h.run(.park(ticket: "A-001"), at: "09:02")
        case .pending:
            _ = try h.callNext("1", at: "09:01")
            try h.run(.pending(ticket: "A-001"), at: "09:10")
        case .pickup:
            _ = try h.callNext("1", at: "09:01")
            try h.run(.pending(ticket: "A-001"), at: "09:10")
            try h.run(.callNumber(counter: "2", number: "A-001"), at: "09:30")
        case .noShow:
            _ = try h.callNext("1", at: "09:01")
            try h.run(.noShow(ticket: "A-001"), at: "09:05")
        case .served:
            _ = try h.callNext("1", at: "09:01")
            try h.run(.served(ticket: "A-001"), at: "09:15")
        case .cancelled:
            try h.run(.cancel(ticket: "A-001"), at: "09:02")
        case .reset:
            try h.run(.reset, at: "09:02")
        }
        #expect(h.ticket("A-001").state == state)
        return h
    }

    struct Transition: Sendable, CustomStringConvertible {
        let from: TicketState
        let command: QueueCommand
        let to: TicketState
        var description: String { "\(from) → \(to)" }
    }

    static let transitions: [Transition] = [
        Transition(from: .waiting, command: .callNumber(counter: "1", number: "A-001"), to: .called),
        Transition(from: .waiting, command: .transfer(ticket: "A-001", service: "certs"), to: .waiting),
        Transition(from: .waiting, command: .cancel(ticket: "A-001"), to: .cancelled),
        Transition(from: .called, command: .start(ticket: "A-001"), to: .serving),
        Transition(from: .called, command: .recall(ticket: "A-001"), to: .called),
        Transition(from: .called, command: .park(ticket: "A-001"), to: .parked),
        Transition(from: .called, command: .pending(ticket: "A-001"), to: .pending),
        Transition(from: .called, command: .noShow(ticket: "A-001"), to: .noShow),
        Transition(from: .called, command: .served(ticket: "A-001"), to: .served),
        Transition(from: .called, command: .returnToQueue(ticket: "A-001"), to: .waiting),
        Transition(from: .serving, command: .served(ticket: "A-001"), to: .served),
        Transition(from: .serving, command: .park(ticket: "A-001"), to: .parked),
        Transition(from: .serving, command: .transfer(ticket: "A-001", service: "health"), to: .waiting),
        Transition(from: .parked, command: .callNumber(counter: "2", number: "A-001"), to: .called),
        Transition(from: .parked, command: .returnToQueue(ticket: "A-001"), to: .waiting),
        Transition(from: .pending, command: .callNumber(counter: "6", number: "A001"), to: .pickup),
        Transition(from: .pending, command: .served(ticket: "A-001"), to: .served),
        Transition(from: .pickup, command: .served(ticket: "A-001"), to: .served),
        Transition(from: .pickup, command: .noShow(ticket: "A-001"), to: .noShow),
        Transition(from: .noShow, command: .returnToQueue(ticket: "A-001"), to: .waiting),
        Transition(from: .noShow, command: .callNumber(counter: "1", number: "a1"), to: .called),
        Transition(from: .noShow, command: .cancel(ticket: "A-001"), to: .cancelled),
    ]

    @Test(arguments: transitions)
    func transitionChangesState(_ transition: Transition) throws {
        var h = try Self.ticket(in: transition.from)
        try h.run(transition.command, at: "10:00")
        #expect(h.ticket("A-001").state == transition.to)
    }

    struct Refusal: Sendable, CustomStringConvertible {
        let from: TicketState
        let command: QueueCommand
        let message: String
        var description: String { message }
    }

    static let refusals: [Refusal] = [
        Refusal(
            from: .served, command: .recall(ticket: "A-001"), message: "ticket A-001 is served; it cannot be recalled"),
        Refusal(
            from: .waiting, command: .recall(ticket: "A-001"), message: "ticket A-001 is waiting; it cannot be recalled"
        ),
        Refusal(
            from: .waiting, command: .start(ticket: "A-001"), message: "ticket A-001 is waiting; it cannot be started"),
        Refusal(
            from: .waiting, command: .served(ticket: "A-001"),
            message: "ticket A-001 is waiting; it cannot be marked served"),
        Refusal(
            from: .cancelled, command: .returnToQueue(ticket: "A-001"),
            message: "ticket A-001 is cancelled; it cannot be returned to the queue"),
        Refusal(
            from: .served, command: .cancel(ticket: "A-001"), message: "ticket A-001 is served; it cannot be cancelled"),
        Refusal(
            from: .parked, command: .noShow(ticket: "A-001"),
            message: "ticket A-001 is parked; it cannot be marked a no-show"),
        Refusal(
            from: .pending, command: .park(ticket: "A-001"),
            message: "ticket A-001 is pending (papers being prepared); it cannot be parked"),
        Refusal(
            from: .reset, command: .callNumber(counter: "1", number: "A-001"),
            message: "ticket A-001 is closed by the daily reset; it cannot be called by number"),
        Refusal(
            from: .serving, command: .callNumber(counter: "2", number: "A-001"),
            message: "ticket A-001 is being served; it cannot be called by number"),
        Refusal(
            from: .noShow, command: .transfer(ticket: "A-001", service: "certs"),
            message: "ticket A-001 is a no-show; it cannot be transferred"),
    ]

    @Test(arguments: refusals)
    func invalidTransitionIsRefusedWithItsReason(_ refusal: Refusal) throws {
        let h = try Self.ticket(in: refusal.from)
        let error = try #require(h.refusal(refusal.command, at: "10:00"))
        #expect(error.kind == .invalidTransition)
        #expect(error.message == refusal.message)
    }

    @Test func unknownTicketCounterAndServiceAreNotFound() throws {
        let h = try Self.ticket(in: .waiting)
        let noTicket = try #require(h.refusal(.served(ticket: "Z-999"), at: "10:00"))
        #expect(noTicket.kind == .notFound && noTicket.field == "ticket")
        #expect(noTicket.message == "there is no ticket \"Z-999\" today")
        let noCounter = try #require(h.refusal(.callNext(counter: "99"), at: "10:00"))
        #expect(noCounter.kind == .notFound && noCounter.field == "counter")
        let noService = try #require(h.refusal(.transfer(ticket: "A-001", service: "taxes"), at: "10:00"))
        #expect(noService.kind == .notFound && noService.field == "service")
        let sameService = try #require(h.refusal(.transfer(ticket: "A-001", service: "moving"), at: "10:00"))
        #expect(sameService.message == "ticket A-001 is already in 引越し (A)")
    }

    @Test func callingANumberTheCounterDoesNotHandleIsRefused() throws {
        var h = QueueHarness()
        try h.issue("health", at: "09:00")
        let error = try #require(h.refusal(.callNumber(counter: "1", number: "C-001"), at: "09:05"))
        #expect(error.kind == .invalid)
        #expect(error.message == "counter 1番窓口 does not handle 国保・年金; ticket C-001 cannot be called there")
    }

    @Test func callNextServesTheTicketStillAtTheCounter() throws {
        var h = QueueHarness()
        try h.issue("moving", at: "09:00")
        try h.issue("moving", at: "09:01")
        #expect(try h.callNext("1", at: "09:02") == "A-001")
        #expect(try h.callNext("1", at: "09:20") == "A-002")
        #expect(h.ticket("A-001").state == .served)
        #expect(h.state.counters["1"]?.currentTicket == h.ticket("A-002").id)
        // Nobody left: the last visit still ends, and no call is made.
        let events = try h.run(.callNext(counter: "1"), at: "09:40")
        #expect(events.map(\.type) == ["served"])
        #expect(h.state.counters["1"]?.currentTicket == nil)
    }

    @Test func closingACounterThatIsAttendingSomeoneIsRefused() throws {
        var h = try Self.ticket(in: .called)
        let error = try #require(h.refusal(.closeCounter(counter: "1"), at: "09:05"))
        #expect(error.kind == .invalidTransition)
        #expect(error.message.hasPrefix("counter 1番窓口 is attending ticket A-001"))
        try h.run(.served(ticket: "A-001"), at: "09:06")
        try h.run(.closeCounter(counter: "1"), at: "09:07")
        #expect(h.state.counters["1"]?.isOpen == false)
    }

    @Test func parkedTicketKeepsItsPlaceButAReturnedNoShowGoesToTheEnd() throws {
        var h = QueueHarness()
        for time in ["09:00", "09:01", "09:02"] { try h.issue("moving", at: time) }
        _ = try h.callNext("1", at: "09:03")  // A-001
        try h.run(.park(ticket: "A-001"), at: "09:04")
        try h.run(.returnToQueue(ticket: "A-001"), at: "09:30")
        #expect(h.state.waiting(service: "moving").map(\.number) == ["A-001", "A-002", "A-003"])
        _ = try h.callNext("1", at: "09:31")  // A-001 again
        try h.run(.noShow(ticket: "A-001"), at: "09:35")
        try h.run(.returnToQueue(ticket: "A-001"), at: "09:40")
        #expect(h.state.waiting(service: "moving").map(\.number) == ["A-002", "A-003", "A-001"])
    }

    @Test func summaryHasTheDocumentedFieldsInOrder() throws {
        var h = QueueHarness()
        try h.issue("moving", priority: "elderly", at: "09:00")
        try h.issue("moving", at: "09:01")
        let summary = TicketSummary(h.ticket("A-002"), in: h.state, config: h.config, now: h.instant("09:02"))
        let json = summary.jsonValue.serialized()
        // No counter open yet: the 5 moving counters are assumed to open in half a default service
        // (10 min); A-001 takes the first, A-002 the next: 10 min ± 1.28·√(2 + 2²/2)·10/5 = 5.1 → 4–16.
        #expect(
            json
                == #"{"id":"20261203-A-002","number":"A-002","service":"moving","serviceName":"引越し","state":"waiting","#
                + #""priority":null,"issuedAt":"2026-12-03T00:01:00.000Z","callCount":0,"lastCalledAt":null,"#
                + #""counter":null,"peopleAhead":1,"estimate":{"minMinutes":4,"maxMinutes":16}}"#)
        #expect(!json.contains("token"))
    }
}
