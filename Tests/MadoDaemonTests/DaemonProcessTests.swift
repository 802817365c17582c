// SPDX-License-Identifier: Apache-2.0
// The real madod binary as systemd and technicians meet it: READY/STOPPING/RELOADING on the notify
// socket, SIGTERM and SIGHUP, the admin socket's answers, and who it lets in.
import Foundation
import MadoStore
import MadoSystem
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct DaemonProcessTests {
    @Test func startsServesAndStopsCleanlyOnSIGTERM() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let startup = try daemon.start()
        #expect(startup.contains { $0.contains("READY=1") && $0.contains("STATUS=serving admin") })

        let status = try daemon.request("GET", "/v1/status")
        #expect(status.status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: status.body) as? [String: Any])
        #expect(json["version"] as? String == "0.1.0")
        #expect(json["configPath"] as? String == daemon.configPath)
        let store = try #require(json["store"] as? [String: Any])
        #expect(store["journalMode"] as? String == "wal")
        #expect(store["directoryMode"] as? String == "0700")
        #expect(json["devices"] is [Any])

        let sent = Date()
        daemon.signal(SIGTERM)
        #expect(daemon.notify.waitFor("STOPPING=1", timeout: 5) != nil)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        #expect(Date().timeIntervalSince(sent) < 5)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath), "the socket file is removed on stop")
        #expect(daemon.log.contains("<5>madod: stopped"))
    }

    @Test func errorAnswersFollowTheDocumentedShape() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let missing = try daemon.request("GET", "/v1/nowhere")
        #expect(missing.status == 404)
        #expect(missing.text == #"{"error":{"code":"not_found","field":null,"message":"no route for /v1/nowhere"}}"#)
        let method = try daemon.request("DELETE", "/v1/status")
        #expect(method.status == 405)
        #expect(method.headers["allow"] == "GET")
        let big = try RawHTTP.request(
            socket: daemon.socketPath, method: "POST", path: "/v1/status", body: Data(count: (1 << 20) + 10))
        #expect(big.status == 413)
    }

    @Test func reloadKeepsTheOldConfigWhenTheNewOneIsInvalidAndAppliesAValidOne() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()

        try "{ \"store\": { \"path\": 5 } ".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        let refused = try #require(daemon.notify.waitFor("READY=1", timeout: 5))
        #expect(refused.first?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true)
        #expect(daemon.log.contains("reload refused"))
        #expect(daemon.log.contains("keeping the running configuration"))
        #expect(try daemon.request("GET", "/v1/status").status == 200)

        try daemon.writeConfig(extraConfig: #""lan": {"enabled": false}"#, logLevel: "debug")
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitFor("READY=1", timeout: 5) != nil)
        #expect(daemon.log.contains("configuration reloaded"))
        #expect(try daemon.request("GET", "/v1/status").status == 200)
    }

    @Test func eventsReachAnSSEClient() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let connection = try RawHTTPConnection(path: daemon.socketPath)
        connection.send(Data("GET /v1/events HTTP/1.1\r\nHost: mado\r\n\r\n".utf8))
        _ = connection.read { String(decoding: $0, as: UTF8.self).contains(": connected") }
        daemon.signal(SIGHUP)
        let received = connection.read { String(decoding: $0, as: UTF8.self).contains("daemon.reloaded") }
        #expect(String(decoding: received, as: UTF8.self).contains("event: daemon.reloaded\ndata: {\"applied\":true}"))
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0, "an open event stream must not hold up the stop")
    }

    @Test func aPeerThatIsNeitherRootNorInTheAdminGroupGets403() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        // The file mode is the first gate (0660); open it here so the credential check itself is what refuses.
        chmod(daemon.directory, 0o755)
        chmod(daemon.socketPath, 0o666)
        let (_, code) = try ChildProcess.run(
            "/usr/bin/setpriv",
            [
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/curl", "-s", "-m", "10", "-o",
                "/dev/null", "-w", "%{http_code}", "--unix-socket", daemon.socketPath, "http://mado/v1/status",
            ])
        #expect(code == "403")
        // Root still gets in.
        #expect(try daemon.request("GET", "/v1/status").status == 200)
    }

    @Test func anUnprivilegedPeerCannotEvenConnectThroughTheDefaultMode() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        chmod(daemon.directory, 0o755)
        var info = stat()
        stat(daemon.socketPath, &info)
        #expect(info.st_mode & 0o777 == 0o660)
        let (status, _) = try ChildProcess.run(
            "/usr/bin/setpriv",
            [
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/curl", "-s", "-m", "10",
                "--unix-socket", daemon.socketPath, "http://mado/v1/status",
            ])
        #expect(status == 7, "curl exit 7: could not connect")
    }

    @Test func anInvalidConfigStopsStartupWithExitStatus2() throws {
        let daemon = try DaemonHarness(extraConfig: #""lan": {"port": "eighty"}"#)
        defer { daemon.cleanUp() }
        try daemon.start(waitForReady: false)
        #expect(daemon.waitForExit(timeout: 10) == 2)
        #expect(daemon.log.contains("<3>madod: config: lan.port: expected a whole number, found a string"))
    }

    @Test func aCorruptDatabaseIsRefusedWithAClearMessage() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try FileManager.default.createDirectory(
            atPath: daemon.directory + "/state", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: daemon.directory + "/state/mado.db"))
        try daemon.start(waitForReady: false)
        #expect(daemon.waitForExit(timeout: 10) == 1)
        #expect(daemon.log.contains("<3>madod: cannot start:"))
        #expect(daemon.log.lowercased().contains("not a database") || daemon.log.contains("corrupt"))
    }

    @Test func aDatabaseFromANewerMadodIsRefused() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try FileManager.default.createDirectory(
            atPath: daemon.directory + "/state", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let future = MadoSchema.latestVersion + 5
        let newer = try Database.open(path: daemon.directory + "/state/mado.db", migrations: MadoSchema.migrations)
        try newer.writeSync { try $0.execute("PRAGMA user_version = \(future)") }
        try newer.close()
        try daemon.start(waitForReady: false)
        #expect(daemon.waitForExit(timeout: 10) == 1)
        #expect(daemon.log.contains("\(future)"))
    }

    @Test func socketActivationUsesThePassedDescriptor() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        // systemd passes the socket as fd 3; a small shell wrapper does the same with a socket we create.
        let activatedPath = daemon.directory + "/activated.sock"
        let script = """
            exec 3<>/dev/null
            exec python3 -c '
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(sys.argv[1]); s.listen(16)
            os.dup2(s.fileno(), 3)
            os.environ["LISTEN_FDS"] = "1"; os.environ["LISTEN_FDNAMES"] = "admin"
            os.environ["LISTEN_PID"] = str(os.getpid())
            os.execv(sys.argv[2], [sys.argv[2], "--config", sys.argv[3]])
            ' \(activatedPath) \(BuiltProducts.path("madod")) \(daemon.configPath)
            """
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = daemon.notify.path
        let process = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", script], environment: environment,
            standardError: daemon.directory + "/activated.log")
        defer {
            process.signal(SIGTERM)
            _ = process.wait(timeout: 6)
        }
        #expect(daemon.notify.waitFor("READY=1", timeout: 20) != nil)
        let response = try RawHTTP.request(socket: activatedPath, method: "GET", path: "/v1/status")
        #expect(response.status == 200)
        #expect(response.text.contains("\"socketActivated\":true"))
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath), "no second socket is created")
    }
}
