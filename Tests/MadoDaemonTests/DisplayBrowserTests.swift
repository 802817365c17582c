// SPDX-License-Identifier: Apache-2.0
// The hall board and the phone page in a real browser: madod and headless Chromium. A call shows on
// the board within a second over its event stream, the board comes back by itself after madod
// restarts, and a screenshot of it is saved under test-artifacts/.
import Foundation
import Glibc
import MadoServer
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct DisplayBrowserTests {
    /// The Chromium to use, or nil (with the reason printed) when the test cannot run here. In CI a
    /// missing browser is a failure, not a skip.
    static func chromium() -> String? {
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record(
                "chromium is not installed (scripts/install-deps installs it); the browser tests must run in CI")
        } else {
            print("DisplayBrowserTests skipped: chromium is not installed (apt-get install chromium)")
        }
        return nil
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A port free right now, so madod can be restarted on the same address.
    static func freePort() throws -> Int {
        let fd = try TCPListenSocket.listen(address: "127.0.0.1", port: 0)
        defer { close(fd) }
        guard let port = TCPListenSocket.boundPort(fd) else { throw BrowserTestError("no port bound") }
        return Int(port)
    }

    static func config(port: Int) -> String {
        """
          "lan": { "enabled": true, "address": "127.0.0.1", "port": \(port) },
          "displays": [
            { "id": "hall", "kind": "web", "title": "テスト区役所 本庁舎", "services": ["certificates"],
              "congestion": { "moderate": 2, "busy": 4 } }
          ],
        \(QueueTestDaemon.extraConfig(lan: false))
        """
    }

    @Test func aCallShowsWithinASecondAndTheBoardComesBackAfterARestart() throws {
        guard let chromium = Self.chromium() else { return }
        let port = try Self.freePort()
        let base = "http://127.0.0.1:\(port)"
        let daemon = try DaemonHarness(extraConfig: Self.config(port: port))
        defer { daemon.cleanUp() }
        try daemon.start()
        for _ in 0..<3 { _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#) }
        _ = try daemon.request("POST", "/v1/counters/3/open")

        let browser = try LiveBrowser(chromium: chromium, url: base + "/display/hall?test=1", in: daemon.directory)
        defer { browser.stop() }
        let ready = try browser.waitForTitle("the board to connect", timeout: 30) {
            $0["connected"] == "1" && Int($0["loads"] ?? "") ?? 0 >= 1
        }
        #expect(ready["top"] == "", "nothing has been called yet")

        // The call reaches the page over its event stream; the page stamps when it showed it.
        let called = try daemon.request("POST", "/v1/counters/3/call")
        #expect(called.object?["number"] as? String == "B-001")
        let shown = try browser.waitForTitle("B-001 on the board", timeout: 5) { $0["last"] == "B-001" }
        let latency = try #require(Int(shown["latency"] ?? ""), "the page measured the call's latency")
        #expect(latency >= 0 && latency < 1000, "call → board took \(latency) ms")
        #expect(shown["sse"] == "1" && shown["top"] == "B-001", "shown from the event, not from a reload")

        // What a plain DOM dump of the board shows (the state embedded in the page, rendered by its script).
        let dom = try Self.runChromium(chromium, ["--dump-dom", base + "/display/hall"], in: daemon.directory)
        #expect(dom.contains("B-001") && dom.contains("3番窓口"))
        #expect(dom.contains("class=\"call latest\""), "the newest call is highlighted")
        #expect(dom.contains("やや混み"), "2 waiting with moderate 2: shown as text, not colour alone")
        #expect(dom.contains("テスト区役所 本庁舎"))

        // madod restarts on the same port; the page reconnects by itself and reloads the state,
        // including a call made right after the restart.
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 10) == 0)
        let lost = try browser.waitForTitle("the board to notice", timeout: 10) { $0["connected"] == "0" }
        try daemon.start()
        _ = try daemon.request("POST", "/v1/counters/3/call")
        let back = try browser.waitForTitle("the board to reconnect", timeout: 20) {
            $0["connected"] == "1" && $0["opens"] == "2" && $0["top"] == "B-002"
        }
        #expect(Int(back["loads"] ?? "") ?? 0 > Int(lost["loads"] ?? "") ?? 0, "the state was fetched again")

        // A screenshot for people to look at, and a check that something was drawn.
        let artifacts = Self.repository.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let png = artifacts.appendingPathComponent("display-hall.png")
        try? FileManager.default.removeItem(at: png)
        _ = try Self.runChromium(
            chromium, ["--screenshot=\(png.path)", "--window-size=1280,720", base + "/display/hall"],
            in: daemon.directory)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG")
        let width = bytes.count >= 24 ? bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
        #expect(width == 1280)
        // A blank 1280×720 PNG compresses to a few hundred bytes; Japanese text and numbers need far more.
        #expect(bytes.count > 20_000, "the screenshot is \(bytes.count) bytes: is the board blank?")
    }

    @Test func thePhonePageShowsItsTicketOnlyAndAnUnknownTokenIsAPlain404() throws {
        guard let chromium = Self.chromium() else { return }
        let port = try Self.freePort()
        let base = "http://127.0.0.1:\(port)"
        let daemon = try DaemonHarness(extraConfig: Self.config(port: port))
        defer { daemon.cleanUp() }
        try daemon.start()
        _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#)
        let mine = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#)
        let statusURL = try #require(mine.object?["statusURL"] as? String)
        _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#)

        let waiting = try Self.runChromium(chromium, ["--dump-dom", base + statusURL], in: daemon.directory)
        #expect(waiting.contains("B-002") && waiting.contains("お待ちください"))
        #expect(waiting.contains("1人"), "one ticket ahead")
        #expect(waiting.contains("参考値"))
        #expect(!waiting.contains("B-001") && !waiting.contains("B-003"), "no other ticket")

        _ = try daemon.request("POST", "/v1/counters/3/call")
        _ = try daemon.request("POST", "/v1/counters/3/call")
        let called = try Self.runChromium(chromium, ["--dump-dom", base + statusURL], in: daemon.directory)
        #expect(called.contains("お呼びしています") && called.contains("3番窓口へお越しください"))

        let json = try curl("GET", base + "/v1" + statusURL)
        #expect(json.0 == 200 && json.1.contains("\"state\":\"called\""))
        let unknown = try curl("GET", base + "/t/AAAAAAAAAAAAAAAAAAAAAA")
        let malformed = try curl("GET", base + "/t/%3Cscript%3E")
        #expect(unknown.0 == 404 && unknown.1 == "not found\n")
        #expect(malformed.0 == 404 && malformed.1 == unknown.1)
    }

    /// Runs Chromium once (a DOM dump or a screenshot) with its own profile, under a time limit.
    static func runChromium(_ chromium: String, _ arguments: [String], in directory: String) throws -> String {
        let profile = directory + "/chromium-\(UUID().uuidString.prefix(8))"
        let (status, output) = try ChildProcess.run(
            "/usr/bin/env",
            ["HOME=\(profile)", "/usr/bin/timeout", "-k", "5", "60", chromium] + LiveBrowser.flags(profile: profile)
                + arguments, timeout: 75)
        if status != 0 { Issue.record("chromium \(arguments.first ?? "") exited with \(status)") }
        return output
    }
}

/// A headless Chromium that stays open on one page. The page's title (with `?test=1`, a line of
/// `key=value` counters) is read from the DevTools target list over plain HTTP, so the test sees
/// the live page without a WebSocket client.
final class LiveBrowser {
    private let process: ChildProcess
    private let profile: String
    private let debugPort: Int

    static func flags(profile: String) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(profile)", "--autoplay-policy=no-user-gesture-required",
        ]
    }

    init(chromium: String, url: String, in directory: String) throws {
        profile = directory + "/chromium-live"
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        process = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["HOME=\(profile)", "/usr/bin/timeout", "-k", "5", "180", chromium]
                + Self.flags(profile: profile) + ["--remote-debugging-port=0", "--window-size=1280,720", url],
            standardOutput: directory + "/chromium.log", standardError: directory + "/chromium.log")
        let deadline = Date().addingTimeInterval(30)
        var port: Int?
        while port == nil && Date() < deadline {
            let text = try? String(contentsOfFile: profile + "/DevToolsActivePort", encoding: .utf8)
            port = text?.split(separator: "\n").first.flatMap { Int($0) }
            if port == nil { usleep(100_000) }
        }
        guard let port else {
            process.terminate(grace: 3)
            throw BrowserTestError("chromium did not open its DevTools port within 30 s")
        }
        debugPort = port
    }

    /// The page's title as `key=value` pairs.
    func title() -> [String: String] {
        guard let (status, text) = try? curl("GET", "http://127.0.0.1:\(debugPort)/json/list"), status == 200,
            let targets = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]],
            let page = targets.first(where: { $0["type"] as? String == "page" }),
            let title = page["title"] as? String
        else { return [:] }
        var pairs: [String: String] = [:]
        for word in title.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { pairs[String(parts[0])] = String(parts[1]) }
        }
        return pairs
    }

    /// Polls the title until `condition` holds; throws with the last title after `timeout` seconds.
    func waitForTitle(_ what: String, timeout: Double, _ condition: ([String: String]) -> Bool) throws -> [String:
        String]
    {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String: String] = [:]
        repeat {
            last = title()
            if condition(last) { return last }
            usleep(50_000)
        } while Date() < deadline
        throw BrowserTestError(
            "waited \(timeout) s for \(what); the page's title says \(last.sorted { $0.key < $1.key })")
    }

    func stop() {
        process.terminate(grace: 5)
    }
}

struct BrowserTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
