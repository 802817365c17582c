// SPDX-License-Identifier: Apache-2.0
// The announcer inside madod: ticket.called in, display.announce out per zone, and the audio it serves.
import Foundation
import MadoCore
import MadoDevices
import MadoServer
import MadoStore
import MadoSystem
import MadoTestSupport
import MadoTestThreads
import Testing

@testable import MadoDaemon

@Suite(.ownThread) struct AnnouncementServiceTests {
    struct NoTokens: TokenAuthority {
        func roles(of token: String) -> Set<String>? { nil }
    }

    static func display(_ id: String, zone: String, services: [String] = []) -> DisplayConfiguration {
        DisplayConfiguration(
            id: id, kind: .web, zone: zone, services: services, title: "市民課", recentCalls: 6,
            congestion: CongestionThresholds(), serial: nil)
    }

    static func context(
        displays: [DisplayConfiguration], announcements: AnnouncementSettings = AnnouncementSettings()
    ) throws -> DaemonContext {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        let broadcaster = EventBroadcaster()
        let log = Logger(label: "test", handler: InMemoryLogHandler())
        var config = DaemonConfiguration(path: "/etc/mado/madod.json")
        config.store.path = NSTemporaryDirectory() + "/mado-announce-\(UUID().uuidString.prefix(8))/mado.db"
        config.displays = displays
        config.announcements = announcements
        return DaemonContext(
            configuration: config, database: database, broadcaster: broadcaster,
            devices: DeviceRegistry(broadcaster: broadcaster),
            settings: RuntimeSettings(RuntimeSettings.values(from: config, log: log)),
            printers: KioskPrinters([], log: log), log: log)
    }

    static func called(_ number: String, counter: String = "3", service: String = "moving") -> String {
        #"{"id":"20261203-\#(number)","number":"\#(number)","service":"\#(service)","serviceName":"引越し","#
            + #""state":"called","callCount":1,"counter":"\#(counter)","counterName":"\#(counter)番窓口"}"#
    }

    /// The `display.announce` events published until `count` have arrived, or `seconds` passed. It blocks
    /// the test's own thread, not the cooperative pool; the announcer's task still runs on the pool, and
    /// a full parallel test run can keep the pool's threads busy for seconds, hence 60 s by default.
    static func announcements(_ subscription: EventSubscription, count: Int, within seconds: Double = 60) throws
        -> [JSONObject]
    {
        var found: [JSONObject] = []
        let deadline = Date().addingTimeInterval(seconds)
        while found.count < count, Date() < deadline {
            guard case .events(let events) = subscription.next(timeout: .milliseconds(200)) else { continue }
            for event in events where event.type == "display.announce" {
                if case .object(let object) = try JSONParser.parse(event.data) { found.append(object) }
            }
        }
        return found
    }

    static func string(_ object: JSONObject, _ key: String) -> String? {
        if case .string(let value)? = object[key] { return value }
        return nil
    }

    static func int(_ object: JSONObject, _ key: String) -> Int? {
        if case .number(let value)? = object[key] { return Int(value) }
        return nil
    }

    @Test func threeQuickCallsGiveThreeWholeAnnouncementsInOrder() async throws {
        let context = try Self.context(displays: [Self.display("hall", zone: "main")])
        let service = AnnouncementService.start(context: context)
        defer { service.stop() }
        let watcher = context.broadcaster.subscribe()
        defer { watcher.cancel() }
        for number in ["A-001", "A-002", "A-003"] {
            context.broadcaster.publish("ticket.called", json: Self.called(number))
        }
        let announced = try Self.announcements(watcher, count: 3)
        #expect(announced.map { Self.string($0, "number") } == ["A-001", "A-002", "A-003"])
        #expect(announced.map { Self.int($0, "sequence") } == [1, 2, 3])
        #expect(announced.allSatisfy { Self.string($0, "zone") == "main" && $0["speech"] == .null })
        #expect(announced.allSatisfy { Self.string($0, "chime") == "/display/audio/chime.wav" })
        #expect(announced.allSatisfy { Self.int($0, "durationMs") == 1_200 })
        #expect(announced.first.flatMap { Self.string($0, "text") } == "受付番号 A-001 番の方、3番窓口へお越しください")
        let starts = announced.compactMap { Self.string($0, "startsAt").flatMap(EventTimestamp.parse) }
        #expect(starts.count == 3)
        for (earlier, later) in zip(starts, starts.dropFirst()) {
            #expect(later.timeIntervalSince(earlier) >= 1.2, "the next starts after the previous has ended")
        }
    }

    @Test func eachZoneOfTheServiceHearsItOnceAndMutedZonesNot() async throws {
        var settings = AnnouncementSettings()
        settings.zones = [.init(id: "branch", mute: true)]
        let context = try Self.context(
            displays: [
                Self.display("hall", zone: "main"), Self.display("hall2", zone: "main"),
                Self.display("annex", zone: "annex", services: ["moving"]),
                Self.display("branch", zone: "branch"), Self.display("tax", zone: "tax", services: ["tax"]),
            ], announcements: settings)
        let service = AnnouncementService.start(context: context)
        defer { service.stop() }
        let watcher = context.broadcaster.subscribe()
        defer { watcher.cancel() }
        context.broadcaster.publish("ticket.called", json: Self.called("A-001"))
        context.broadcaster.publish("ticket.called", json: Self.called("T-001", service: "tax"))
        let announced = try Self.announcements(watcher, count: 4)
        // Then nothing else: no second announcement in a zone, none in the muted one.
        #expect(try Self.announcements(watcher, count: 1, within: 1).isEmpty)
        let heard = announced.map { "\(Self.string($0, "zone") ?? "?") \(Self.string($0, "number") ?? "?")" }
        #expect(heard.sorted() == ["annex A-001", "main A-001", "main T-001", "tax T-001"])
        let main = announced.filter { Self.string($0, "zone") == "main" }
        #expect(main.map { Self.int($0, "sequence") } == [1, 2])
    }

    @Test func aConfiguredVoiceThatIsMissingShowsInTheStatus() async throws {
        var settings = AnnouncementSettings()
        settings.voice = "/nonexistent/mei_normal.htsvoice"
        let context = try Self.context(displays: [Self.display("hall", zone: "main")], announcements: settings)
        let service = AnnouncementService.start(context: context)
        defer { service.stop() }
        let deadline = Date().addingTimeInterval(60)
        var speech: DeviceStatus?
        while speech == nil, Date() < deadline {
            speech = await context.devices.all().first { $0.id == "speech" }
            if speech == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(speech?.state == .warning)
        #expect(speech?.detail?.contains("/nonexistent/mei_normal.htsvoice") == true)
    }

    @Test func speechIsAnnouncedAndServedOnlyUnderItsKey() async throws {
        let directory = NSTemporaryDirectory() + "/mado-announce-voice-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/dic", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = FileManager.default.createFile(atPath: directory + "/voice.htsvoice", contents: Data("fake".utf8))
        _ = FileManager.default.createFile(atPath: directory + "/clip.wav", contents: ChimeSynthesizer().wav())
        // A stand-in open_jtalk: writes a known WAV where -ow says.
        let script = """
            #!/bin/sh
            while [ $# -gt 0 ]; do [ "$1" = -ow ] && cp \(directory)/clip.wav "$2"; shift; done

            """
        try ExecutableScript.install(script, at: directory + "/open_jtalk")
        var settings = AnnouncementSettings()
        settings.voice = directory + "/voice.htsvoice"
        settings.dictionary = directory + "/dic"
        let context = try Self.context(displays: [Self.display("hall", zone: "main")], announcements: settings)
        let speech = OpenJTalkSpeech(cacheDirectory: directory + "/cache", executable: directory + "/open_jtalk")
        let service = AnnouncementService.start(context: context, speech: speech)
        defer { service.stop() }
        let watcher = context.broadcaster.subscribe()
        defer { watcher.cancel() }
        context.broadcaster.publish("ticket.called", json: Self.called("A-023"))
        let announced = try #require(try Self.announcements(watcher, count: 1).first)
        let key = SpeechCacheKey(text: "受付番号 エー 23 番の方、3番窓口へお越しください", voice: settings.voice!)
        #expect(Self.string(announced, "speech") == "/display/audio/\(key.hex).wav")
        #expect(Self.int(announced, "durationMs") == 1_200 + 200 + 1_200)

        let router = Router(routes: AnnouncementRoutes.routes { service }, tokens: NoTokens())
        func get(_ path: String) async -> HTTPResponse {
            await router.respond(to: HTTPRequest(method: "GET", path: path, listener: .lan))
        }
        let clip = await get("/display/audio/\(key.hex).wav")
        #expect(clip.status == 200 && clip.bodyData == ChimeSynthesizer().wav())
        #expect(clip.headers.contains { $0.name == "Content-Type" && $0.value == "audio/wav" })
        let chime = await get("/display/audio/chime.wav")
        #expect(chime.status == 200 && chime.bodyData == ChimeSynthesizer().wav())
        // A well-formed key that was never announced, a traversal, a bare name: all 404.
        let stranger = SpeechCacheKey(text: "other", voice: settings.voice!).hex
        for path in [
            "/display/audio/\(stranger).wav", "/display/audio/..%2F..%2Fetc%2Fpasswd", "/display/audio/\(key.hex)",
        ] {
            #expect(await get(path).status == 404, "\(path)")
        }
    }

    @Test func theAudioRouteAnswers404WhileAnnouncementsAreNotRunning() async {
        let router = Router(routes: AnnouncementRoutes.routes { nil }, tokens: NoTokens())
        let response = await router.respond(
            to: HTTPRequest(method: "GET", path: "/display/audio/chime.wav", listener: .lan))
        #expect(response.status == 404)
    }

    @Test func aTicketEventWithoutACounterIsNotACall() {
        #expect(
            AnnouncementService.call(fromTicketEvent: #"{"number":"A-001","service":"moving","counter":null}"#) == nil)
        let call = AnnouncementService.call(fromTicketEvent: Self.called("A-009", counter: "2"))
        #expect(
            call
                == AnnouncementCall(
                    number: "A-009", counter: "2", counterName: "2番窓口", service: "moving", serviceName: "引越し"))
    }
}
