// SPDX-License-Identifier: Apache-2.0
// What a hall board shows and which events reach it, without a browser: the latest calls of its
// services newest first, waiting counts with congestion, and nothing a board must not see.
import Foundation
import MadoCore
import MadoServer
import MadoStore
import MadoSystem
import MadoTestThreads
import Testing

@testable import MadoDaemon

@Suite(.ownThread) struct DisplayStateTests {
    static let config = QueueConfiguration(
        services: [
            ServiceDefinition(id: "moving", name: "引越し", prefix: "A"),
            ServiceDefinition(id: "certificates", name: "証明書", prefix: "B"),
        ],
        counters: [
            CounterDefinition(id: "1", name: "1番窓口", services: ["moving"]),
            CounterDefinition(id: "2", name: "2番窓口", services: ["moving"]),
            CounterDefinition(id: "3", name: "3番窓口", services: ["certificates"]),
        ])

    static func display(
        services: [String] = [], recentCalls: Int = 6, congestion: CongestionThresholds = CongestionThresholds()
    ) -> DisplayConfiguration {
        DisplayConfiguration(
            id: "hall", kind: .web, zone: "main", services: services, title: "本庁舎 1階", recentCalls: recentCalls,
            congestion: congestion, serial: nil)
    }

    /// A morning driven through the engine: `run` applies each command a few seconds after the last.
    struct Morning {
        var state = QueueState()
        var now = DisplayStateTests.config.calendar.start(of: BusinessDay(year: 2026, month: 12, day: 3))
            .addingTimeInterval(4 * 3600)

        mutating func run(_ command: QueueCommand) throws {
            now += 7
            for event in try QueueEngine.decide(command, state: state, config: DisplayStateTests.config, now: now) {
                state.apply(event)
            }
        }

        mutating func issue(_ service: String, _ count: Int) throws {
            for i in 0..<count { try run(.issue(service: service, priority: nil, token: "\(service)-\(i)")) }
        }
    }

    func object(_ value: JSONValue) throws -> JSONObject {
        guard case .object(let object) = value else { throw HarnessLikeError("not an object: \(value)") }
        return object
    }

    func numbers(_ calls: JSONValue?) -> [String] {
        guard case .array(let items)? = calls else { return [] }
        return items.compactMap { item in
            guard case .object(let o) = item, case .string(let n)? = o["number"] else { return nil }
            return n
        }
    }

    @Test func callsAreNewestFirstOnlyOfTheDisplaysServicesAndAtMostRecentCalls() throws {
        var morning = Morning()
        try morning.issue("moving", 4)
        try morning.issue("certificates", 4)
        try morning.run(.callNext(counter: "3"))  // B-001
        try morning.run(.callNext(counter: "1"))  // A-001 (another service)
        try morning.run(.served(ticket: "B-001"))  // served at the counter: still on the board
        try morning.run(.callNext(counter: "3"))  // B-002
        try morning.run(.noShow(ticket: "B-002"))  // a no-show leaves the board
        try morning.run(.callNext(counter: "3"))  // B-003
        try morning.run(.callNext(counter: "3"))  // B-004 (the counter's B-003 is served by it)

        let board = try object(
            DisplayState.json(
                display: Self.display(services: ["certificates"], recentCalls: 2), queue: morning.state,
                config: Self.config, now: morning.now))
        #expect(numbers(board["calls"]) == ["B-004", "B-003"], "newest first, cut at recentCalls")

        let all = try object(
            DisplayState.json(display: Self.display(), queue: morning.state, config: Self.config, now: morning.now))
        #expect(numbers(all["calls"]) == ["B-004", "B-003", "A-001", "B-001"], "B-002, a no-show, is gone")
        guard case .array(let calls)? = all["calls"], let newest = calls.first else {
            Issue.record("no calls")
            return
        }
        let call = try object(newest)
        #expect(call["counterName"] == .string("3番窓口"))
        #expect(call["counter"] == .string("3"))
        #expect(call["service"] == .string("certificates"))
        #expect(call["calledAt"] == .string(EventTimestamp.format(morning.now)))
        #expect(call["id"] == nil && call["category"] == nil, "a board is open on the LAN: no ids or categories")

        // Another counter calls, then a recall brings B-004 back to the top.
        try morning.run(.callNext(counter: "2"))  // A-002
        #expect(
            numbers(
                DisplayState.json(display: Self.display(), queue: morning.state, config: Self.config, now: morning.now)
                    .objectValue?["calls"]
            ).first == "A-002")
        morning.now += 600
        try morning.run(.recall(ticket: "B-004"))
        let recalled = try object(
            DisplayState.json(display: Self.display(), queue: morning.state, config: Self.config, now: morning.now))
        #expect(numbers(recalled["calls"]).prefix(2) == ["B-004", "A-002"])
    }

    @Test func waitingCountsAndCongestionFollowTheDisplaysThresholds() throws {
        var morning = Morning()
        try morning.issue("moving", 12)
        try morning.issue("certificates", 3)
        try morning.run(.callNext(counter: "1"))  // 11 moving tickets still wait
        let display = Self.display(congestion: CongestionThresholds(moderate: 3, busy: 11))
        let board = try object(
            DisplayState.json(display: display, queue: morning.state, config: Self.config, now: morning.now))
        guard case .array(let services)? = board["services"] else {
            Issue.record("no services")
            return
        }
        let rows = try services.map { try object($0) }
        #expect(rows.map { $0["id"] } == [.string("moving"), .string("certificates")], "the configuration's order")
        #expect(rows[0]["waiting"] == .number("11"))
        #expect(rows[0]["congestion"] == .string("混雑") && rows[0]["level"] == .string("busy"))
        #expect(rows[1]["waiting"] == .number("3"))
        #expect(rows[1]["congestion"] == .string("やや混み") && rows[1]["level"] == .string("moderate"))
        #expect(rows[1]["name"] == .string("証明書"))

        let defaults = CongestionThresholds()
        #expect(DisplayState.Congestion(waiting: 0, thresholds: defaults) == .low)
        #expect(DisplayState.Congestion(waiting: 9, thresholds: defaults).label == "空き")
        #expect(DisplayState.Congestion(waiting: 10, thresholds: defaults).label == "やや混み")
        #expect(DisplayState.Congestion(waiting: 19, thresholds: defaults).label == "やや混み")
        #expect(DisplayState.Congestion(waiting: 20, thresholds: defaults).label == "混雑")

        let only = try object(
            DisplayState.json(
                display: Self.display(services: ["certificates"]), queue: morning.state, config: Self.config,
                now: morning.now))
        guard case .array(let one)? = only["services"] else { return }
        #expect(one.count == 1, "a display lists only its own services")
    }

    @Test func aServiceThatStoppedIssuingShowsAsClosed() throws {
        var morning = Morning()
        try morning.issue("moving", 2)
        try morning.run(.setServiceEnabled(service: "certificates", enabled: false))
        func accepting() throws -> [JSONValue?] {
            let board = try object(
                DisplayState.json(display: Self.display(), queue: morning.state, config: Self.config, now: morning.now))
            guard case .array(let services)? = board["services"] else { return [] }
            return try services.map { try object($0)["accepting"] }
        }
        #expect(try accepting() == [.bool(true), .bool(false)], "証明書 is switched off for the day: 受付終了")
        try morning.run(.setServiceEnabled(service: "certificates", enabled: true))
        #expect(try accepting() == [.bool(true), .bool(true)])
    }

    @Test func aBoardsStreamCarriesItsOwnCallsAndZoneAndNothingPrivate() throws {
        var morning = Morning()
        try morning.run(.issue(service: "certificates", priority: nil, token: "secret-token-value"))
        try morning.run(.callNext(counter: "3"))
        let ticket = try #require(morning.state.ticket("B-001"))
        let eventJSON = QueueJSONWriter.string(QueueJSON.ticket(ticket, estimate: nil, config: Self.config))
        let certificates = Self.display(services: ["certificates"])
        let moving = Self.display(services: ["moving"])

        let call = try #require(DisplayEventFilter.translate(type: "ticket.called", data: eventJSON, for: certificates))
        #expect(call.type == "display.call")
        let parsed = try object(try JSONParser.parse(call.json))
        #expect(parsed["number"] == .string("B-001") && parsed["counterName"] == .string("3番窓口"))
        #expect(parsed["id"] == nil && parsed["category"] == nil && !call.json.contains("secret-token-value"))
        #expect(DisplayEventFilter.translate(type: "ticket.called", data: eventJSON, for: moving) == nil)
        #expect(
            DisplayEventFilter.translate(type: "ticket.issued", data: eventJSON, for: certificates)?.type
                == "display.changed")
        #expect(
            DisplayEventFilter.translate(type: "queue.reset", data: #"{"day":"2026-12-04"}"#, for: moving)?.type
                == "display.reset")
        #expect(DisplayEventFilter.translate(type: "counter.opened", data: "{}", for: moving) == nil)
        #expect(DisplayEventFilter.translate(type: "device.changed", data: "{}", for: moving) == nil)

        let announce = #"{"zone":"main","sequence":1,"number":"B-001","chime":"/x.wav","speech":null}"#
        #expect(DisplayEventFilter.translate(type: "display.announce", data: announce, for: moving)?.json == announce)
        let elsewhere = announce.replacingOccurrences(of: "\"main\"", with: "\"annex\"")
        #expect(DisplayEventFilter.translate(type: "display.announce", data: elsewhere, for: moving) == nil)
    }

    @Test func pagesEscapeWhatTheyEmbed() throws {
        let state = JSONValue.object(JSONObject([("title", .string("</script><script>alert(1)</script>"))]))
        let page = DisplayPage.html(displayID: "hall\"><x", title: "<b>本庁舎</b>", initialState: state)
        #expect(!page.contains("</script><script>alert(1)"))
        #expect(page.contains("\\u003c/script>"))
        #expect(page.contains("&lt;b&gt;本庁舎&lt;/b&gt;") && !page.contains("<b>本庁舎"))
        #expect(page.contains("data-display=\"hall&quot;&gt;&lt;x\""))

        let status = JSONValue.object(
            JSONObject([("number", .string("B-<001>")), ("serviceName", .string("</script>"))]))
        let phone = TicketStatusPage.html(status: status)
        #expect(phone.contains("B-&lt;001&gt;") && !phone.contains("B-<001>"))
        #expect(phone.components(separatedBy: "</script>").count == 3, "only the page's own two script blocks end")
        #expect(phone.contains("no-referrer"))
    }

    @Test func unknownAndSerialDisplaysAre404AndAKnownOneAnswers() async throws {
        var config = DaemonConfiguration(path: "/etc/mado/madod.json")
        config.displays = [
            Self.display(),
            DisplayConfiguration(
                id: "led", kind: .serial, zone: "main", services: [], title: "", recentCalls: 6,
                congestion: CongestionThresholds(),
                serial: SerialBoardSettings(
                    device: "/dev/ttyUSB0", baud: 9600, encoding: .ascii, prefix: "", template: "{number}", suffix: "")),
        ]
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        let broadcaster = EventBroadcaster()
        let log = Logger(label: "test", handler: InMemoryLogHandler())
        let context = DaemonContext(
            configuration: config, database: database, broadcaster: broadcaster,
            devices: DeviceRegistry(broadcaster: broadcaster),
            settings: RuntimeSettings(RuntimeSettings.values(from: config, log: log)),
            printers: KioskPrinters([], log: log), log: log)
        context.attachQueue(
            try await QueueService.start(database: database, config: Self.config, broadcaster: broadcaster, log: log))
        let router = Router(routes: DisplayRoutes.routes(context), tokens: NoTokens())
        func get(_ path: String) async -> HTTPResponse {
            await router.respond(to: HTTPRequest(method: "GET", path: path, listener: .lan))
        }
        #expect(await get("/v1/display/hall/state").status == 200)
        #expect(await get("/v1/display/nowhere/state").status == 404)
        #expect(await get("/v1/display/led/state").status == 404, "a serial board has no state page")
        #expect(await get("/display/led").status == 404)
        #expect(await get("/display/nowhere/events").status == 404)
        let unknown = await get("/t/AAAAAAAAAAAAAAAAAAAAAA")
        let malformed = await get("/t/%3Cscript%3E")
        #expect(unknown.status == 404 && malformed.status == 404)
        #expect(unknown.bodyData == Data("not found\n".utf8) && malformed.bodyData == unknown.bodyData)
        let page = await get("/display/hall")
        #expect(page.status == 200)
        #expect(page.headers.contains { $0.name == "Content-Type" && $0.value.hasPrefix("text/html") })
        #expect(String(decoding: page.bodyData ?? Data(), as: UTF8.self).contains("本庁舎 1階"))
    }
}

extension JSONValue {
    fileprivate var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}

private struct NoTokens: TokenAuthority {
    func roles(of token: String) -> Set<String>? { nil }
}

private struct HarnessLikeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
