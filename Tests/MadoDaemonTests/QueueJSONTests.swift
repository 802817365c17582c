// SPDX-License-Identifier: Apache-2.0
// The ticket list shows the same ticket and wait estimate as the single ticket, also after a change.
import Foundation
import MadoCore
import Testing

@testable import MadoDaemon

@Suite struct QueueJSONTests {
    @Test func theListShowsEachTicketTheEstimateItsOwnPageShows() throws {
        let config = QueueKPIExporterTests.config
        let start = config.calendar.start(of: QueueKPIExporterTests.firstDay).addingTimeInterval(5.5 * 3600)
        var state = QueueState()
        var now = start
        func run(_ command: QueueCommand) throws {
            now += 41
            for event in try QueueEngine.decide(command, state: state, config: config, now: now) { state.apply(event) }
        }
        // Some service history, two busy counters, and a line of 40 with a priority ticket in it.
        for i in 0..<12 { try run(.issue(service: "moving", priority: nil, token: "h\(i)")) }
        for i in 0..<10 {
            try run(.callNext(counter: i % 2 == 0 ? "1" : "2"))
            now += Double(200 + 37 * i)
        }
        for i in 0..<40 {
            try run(
                .issue(
                    service: i % 4 == 0 ? "certificates" : "moving", priority: i == 17 ? "elderly" : nil, token: "t\(i)"
                ))
        }
        var builder = TicketListBuilder()
        let data = builder.list(of: state, filter: .waiting, config: config, now: now)
        guard case .array(let items) = try JSONParser.parse(data) else {
            Issue.record("the list is not an array")
            return
        }
        #expect(items.count == 42)
        for (item, ticket) in zip(items, state.ticketsInIssueOrder.filter { $0.state == .waiting }) {
            #expect(item == QueueJSON.ticket(ticket, in: state, config: config, now: now), "\(ticket.number)")
        }
        // A call changes one ticket and every estimate behind it; the next list shows both.
        try run(.callNext(counter: "1"))
        let second = try JSONParser.parse(builder.list(of: state, filter: nil, config: config, now: now))
        guard case .array(let after) = second else {
            Issue.record("the second list is not an array")
            return
        }
        #expect(after.count == state.tickets.count)
        for (item, ticket) in zip(after, state.ticketsInIssueOrder) {
            #expect(item == QueueJSON.ticket(ticket, in: state, config: config, now: now), "\(ticket.number)")
        }
    }
}

@Suite struct TicketListCacheTests {
    @Test func aReloadedServiceNameAndANewTicketShowInTheNextList() throws {
        var config = QueueKPIExporterTests.config
        let now = config.calendar.start(of: QueueKPIExporterTests.firstDay).addingTimeInterval(6 * 3600)
        var state = QueueState()
        for event in try QueueEngine.decide(
            .issue(service: "moving", priority: nil, token: "t1"), state: state, config: config, now: now)
        {
            state.apply(event)
        }
        let cache = TicketListCache()
        func names(version: UInt64, generation: UInt64) throws -> [String] {
            let source = TicketListCache.Source(
                state: state, config: config, version: version, configGeneration: generation, now: now)
            guard case .array(let items) = try JSONParser.parse(cache.list(from: source, filter: nil)) else {
                return []
            }
            return items.compactMap { item in
                guard case .object(let object) = item, case .string(let name)? = object["serviceName"] else {
                    return nil
                }
                return name
            }
        }
        #expect(try names(version: 1, generation: 0) == ["引越し"])
        config.services[0].name = "引越し・住所変更"
        #expect(try names(version: 2, generation: 1) == ["引越し・住所変更"])
        for event in try QueueEngine.decide(
            .issue(service: "moving", priority: nil, token: "t2"), state: state, config: config, now: now + 60)
        {
            state.apply(event)
        }
        #expect(try names(version: 3, generation: 1) == ["引越し・住所変更", "引越し・住所変更"])
    }
}

@Suite struct QueueJSONWriterTests {
    @Test func writesTheSameTextAsTheCoreSerialiser() {
        let value = JSONValue.object(
            JSONObject([
                ("name", .string("証明書 \"急ぎ\"\\ \n\t\r\u{01}\u{7F}😀")), ("n", .number("-12.50")), ("ok", .bool(true)),
                ("none", .null), ("list", .array([.number("1"), .string(""), .object(JSONObject()), .array([])])),
            ]))
        #expect(QueueJSONWriter.string(value) == value.serialized())
        #expect(QueueJSONWriter.data(value) == Data(value.serialized().utf8))
    }
}

@Suite struct QueueStatusTokenTests {
    @Test func base64URLMatchesFoundationsBase64WithTheURLAlphabet() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(QueueStatusToken.base64URL(bytes) == expected, "\(length) bytes")
        }
    }

    @Test func tokensAre128RandomBitsIn22URLSafeCharacters() {
        let tokens = (0..<1000).map { _ in QueueStatusToken.make() }
        #expect(Set(tokens).count == 1000)
        #expect(
            tokens.allSatisfy {
                $0.count == 22 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            })
    }
}
