// SPDX-License-Identifier: Apache-2.0
// The stored JSON form of queue events: versioned, stable, and lossless.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueEventCodingTests {
    static let at = EventTimestamp.rounded(jst("2026-12-03 09:15:30"))
    static let day = BusinessDay(year: 2026, month: 12, day: 3)

    static let events: [QueueEvent] = [
        .issued(
            at: at, day: day, ticket: "20261203-A-023", service: "moving", number: "A-023", sequence: 23,
            priority: "elderly", token: "tok"),
        .issued(
            at: at, day: day, ticket: "20261203-A-024", service: "moving", number: "A-024", sequence: 24,
            priority: nil, token: "tok2"),
        .called(at: at, ticket: "20261203-A-023", counter: "3", mode: .next, ratioSlot: 2),
        .called(at: at, ticket: "20261203-A-023", counter: "3", mode: .recall, ratioSlot: nil),
        .started(at: at, ticket: "t"), .parked(at: at, ticket: "t"), .pending(at: at, ticket: "t"),
        .transferred(at: at, ticket: "t", service: "certs"), .noShow(at: at, ticket: "t", automatic: true),
        .returned(at: at, ticket: "t"), .served(at: at, ticket: "t"), .cancelled(at: at, ticket: "t"),
        .counterOpened(at: at, counter: "1"), .counterClosed(at: at, counter: "1"),
        .serviceSwitched(at: at, service: "moving", enabled: false), .dailyReset(at: at, day: day),
    ]

    @Test(arguments: events)
    func roundTripsThroughStoredJSON(_ event: QueueEvent) throws {
        let json = event.storageJSON()
        #expect(json.hasPrefix("{"))
        #expect(json.contains(#""v":1"#))
        #expect(try QueueEvent(storageJSON: json) == event)
    }

    @Test func storedFormIsStable() {
        let json = Self.events[2].storageJSON()
        #expect(
            json
                == #"{"at":"2026-12-03T00:15:30.000Z","counter":"3","mode":"next","ratioSlot":2,"#
                + #""ticket":"20261203-A-023","type":"called","v":1}"#)
    }

    @Test func escapedAndSpacedJSONDecodesTheSame() throws {
        // Escapes take the JSONDecoder path; spacing and key order do not matter to either path.
        let odd = QueueEvent.issued(
            at: Self.at, day: Self.day, ticket: "20261203-A-001", service: "窓口\"1\"\\x", number: "A-001", sequence: 1,
            priority: nil, token: "tok/1")
        #expect(try QueueEvent(storageJSON: odd.storageJSON()) == odd)
        let spaced = """
            { "type" : "served", "ticket" : "20261203-A-001",
              "at" : "2026-12-03T00:15:30.000Z", "v" : 1 }
            """
        #expect(try QueueEvent(storageJSON: spaced) == .served(at: Self.at, ticket: "20261203-A-001"))
        let withNull =
            #"{"at":"2026-12-03T00:15:30.000Z","counter":"3","mode":"next","ratioSlot":null,"#
            + #""ticket":"t","type":"called","v":1}"#
        #expect(
            try QueueEvent(storageJSON: withNull)
                == .called(at: Self.at, ticket: "t", counter: "3", mode: .next, ratioSlot: nil))
    }

    @Test func unknownSchemaVersionOrTypeIsRejected() {
        #expect(throws: DecodingError.self) {
            try QueueEvent(storageJSON: #"{"v":2,"type":"served","at":"2026-12-03T00:15:30.000Z","ticket":"t"}"#)
        }
        #expect(throws: DecodingError.self) {
            try QueueEvent(storageJSON: #"{"v":1,"type":"teleported","at":"2026-12-03T00:15:30.000Z"}"#)
        }
        #expect(throws: DecodingError.self) {
            try QueueEvent(storageJSON: #"{"v":1,"type":"served","at":"2026-12-03T00:15:30.000Z"}"#)
        }
        #expect(throws: (any Error).self) { try QueueEvent(storageJSON: #"{"v":1,"#) }
    }

    @Test func engineEventsSurviveTheRoundTripExactly() throws {
        // Sub-millisecond clock readings are rounded by the engine, so decoded events replay identically.
        var h = QueueHarness()
        let now = jst("2026-12-03 09:00").addingTimeInterval(0.123_456_7)
        let events = try QueueEngine.decide(
            .issue(service: "moving", priority: nil, token: "x"), state: h.state, config: h.config, now: now)
        for event in events { h.state.apply(event) }
        let decoded = try events.map { try QueueEvent(storageJSON: $0.storageJSON()) }
        #expect(decoded == events)
        #expect(QueueState.replay(decoded) == h.state)
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00.000Z", 0.0), ("2026-12-03T00:15:30.250Z", 1_796_256_930.25),
        ("2000-02-29T23:59:59.999Z", 951_868_799.999), ("1969-12-31T23:59:59.000Z", -1.0),
    ])
    func timestampsAreExact(_ text: String, _ seconds: Double) throws {
        let date = try #require(EventTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_5)
        #expect(EventTimestamp.format(date) == text)
    }

    @Test func malformedTimestampsAreRejected() {
        for text in ["2026-12-03 00:15:30Z", "2026-13-03T00:15:30.000Z", "2026-12-03T00:15:30.000", "x"] {
            #expect(EventTimestamp.parse(text) == nil, "\(text)")
        }
    }
}
