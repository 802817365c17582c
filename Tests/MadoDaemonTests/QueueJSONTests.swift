// SPDX-License-Identifier: Apache-2.0
// The ticket list shows each ticket and wait estimate as its own page does, also as the day goes on.
import Foundation
import MadoCore
import MadoServer
import MadoStore
import MadoSystem
import MadoTestSupport
import MadoTestThreads
import Testing

@testable import MadoDaemon

@Suite(.ownThread) struct QueueJSONTests {
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
        builder.apply(.full(state, config: config, version: 1, configGeneration: 0, now: now))
        guard case .array(let items) = try JSONParser.parse(builder.list(filter: .waiting).data) else {
            Issue.record("the list is not an array")
            return
        }
        #expect(items.count == 42)
        for (item, ticket) in zip(items, state.ticketsInIssueOrder.filter { $0.state == .waiting }) {
            #expect(item == QueueJSON.ticket(ticket, in: state, config: config, now: now), "\(ticket.number)")
        }
    }
}

/// The lists the queue serves are built from the tickets changed since the last list; they must read
/// exactly as a list built from the whole state would.
@Suite(.ownThread) struct TicketListTests {
    @Test func theIncrementalListEqualsAListBuiltFromScratchAsTheDayGoesOn() async throws {
        var config = QueueKPIExporterTests.config
        let now = config.calendar.start(of: QueueKPIExporterTests.firstDay).addingTimeInterval(6 * 3600)
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        let service = try await QueueService.start(
            database: database, config: config, broadcaster: EventBroadcaster(),
            log: Logger(label: "test", handler: InMemoryLogHandler()), clock: { now })
        func fromScratch(_ filter: TicketState?) async -> JSONValue? {
            let data = await service.read { state, config, now -> Data in
                var builder = TicketListBuilder()
                builder.apply(.full(state, config: config, version: 1, configGeneration: 0, now: now))
                return builder.list(filter: filter).data
            }
            return try? JSONParser.parse(data)
        }
        var random = SplitMix64(seed: 7)
        var issued = 0
        for step in 0..<240 {
            let ticket = issued > 0 ? "A-\(Int(random.next() % UInt64(issued)) + 1)" : "A-1"
            let command: QueueCommand
            switch random.next() % 8 {
            case 0, 1, 2:
                command = .issue(
                    service: random.next() % 3 == 0 ? "certificates" : "moving", priority: nil, token: "t\(step)")
            case 3: command = .callNext(counter: random.next() % 2 == 0 ? "1" : "2")
            case 4: command = .served(ticket: ticket)
            case 5: command = .transfer(ticket: ticket, service: "certificates")
            case 6: command = .park(ticket: ticket)
            default: command = .cancel(ticket: ticket)
            }
            if case .issue = command { issued += 1 }
            _ = try? await service.execute(command) { _, _, _, _ in .null }
            // Lists after some commands only, so that one list catches up with several changes.
            guard random.next() % 4 == 0 else { continue }
            for filter in [nil, TicketState.waiting, .called] {
                let served = try JSONParser.parse(await service.ticketList(filter: filter).data)
                #expect(served == (await fromScratch(filter)), "step \(step), filter \(filter?.rawValue ?? "none")")
            }
        }
        // A reload that renames a service shows in the next list, for tickets listed before too.
        config.services[0].name = "引越し・住所変更"
        await service.replaceConfiguration(config)
        guard case .array(let items) = try JSONParser.parse(await service.ticketList(filter: nil).data) else {
            Issue.record("the list is not an array")
            return
        }
        let names = items.compactMap { item -> String? in
            guard case .object(let object) = item, case .string("moving")? = object["service"],
                case .string(let name)? = object["serviceName"]
            else { return nil }
            return name
        }
        #expect(!names.isEmpty && names.allSatisfy { $0 == "引越し・住所変更" })
        #expect(try JSONParser.parse(await service.ticketList(filter: nil).data) == (await fromScratch(nil)))
    }
}

@Suite(.ownThread) struct QueueJSONWriterTests {
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

@Suite(.ownThread) struct QueueStatusTokenTests {
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
