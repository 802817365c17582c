// SPDX-License-Identifier: Apache-2.0
// madoctl against a real HTTP peer on a Unix socket: the requests it sends, how it shows answers, and
// what it says (and exits with) when the daemon refuses, is missing, or stays silent.
import Foundation
import MadoTestThreads
import Testing

@testable import MadoCLI

let statusJSON = """
    {"version":"0.1.0","startedAt":"2025-04-01T00:00:00Z","uptimeSeconds":3725.4,"configPath":"/etc/mado/madod.json",
    "site":{"name":"中央区役所","timeZone":"Asia/Tokyo"},
    "store":{"ok":true,"path":"/var/lib/mado/mado.sqlite","schemaVersion":3,"journalMode":"wal","sizeBytes":1258291,
    "walBytes":32768,"directoryMode":"0700","error":null},
    "listeners":[{"kind":"admin","address":"/run/mado/admin.sock"},{"kind":"lan","address":"127.0.0.1:8080"}],
    "devices":[{"id":"kiosk-1","kind":"ticket-printer","state":"warning","detail":"paper near end"},
    {"id":"counter-printer","kind":"printer","state":"ready","detail":null}],"eventSubscribers":2}
    """

let ticketJSON = """
    {"id":"t-1","number":"A-023","service":"juminhyo","serviceName":"住民票の写し","state":"waiting","priority":true,
    "issuedAt":"2025-04-01T00:12:30Z","callCount":0,"lastCalledAt":null,"counter":null,"peopleAhead":4,
    "estimate":{"minMinutes":10,"maxMinutes":20},"statusURL":"http://127.0.0.1:8080/t/abc"}
    """

/// Starts a server in a fresh directory for one test and tears both down.
func withServer(
    _ handler: @escaping @Sendable (RecordedRequest) -> CannedResponse, _ body: (TestHTTPServer) throws -> Void
) rethrows {
    let directory = TemporaryDirectory()
    let server = TestHTTPServer(socketPath: directory.file("admin.sock"), handler: handler)
    defer {
        server.stop()
        directory.remove()
    }
    try body(server)
}

@Suite(.ownThread) struct AdminSocketTests {
    @Test func statusSendsGETAndPrintsABlockAndDeviceTable() {
        withServer({ _ in .json(statusJSON) }) { server in
            let run = MadoctlRun(["--socket", server.socketPath, "status"])
            #expect(run.status == 0)
            #expect(run.stderr == "")
            #expect(
                run.stdout == """
                    madod 0.1.0, up 1h 02m 05s
                    Site:       中央区役所
                    Config:     /etc/mado/madod.json
                    Store:      /var/lib/mado/mado.sqlite (schema 3, journal wal, 1.2 MiB, WAL 32.0 KiB, directory mode 0700)
                    Listeners:  admin  /run/mado/admin.sock
                                lan    127.0.0.1:8080

                    Devices (2)
                    ID               KIND            STATE    DETAIL
                    kiosk-1          ticket-printer  warning  paper near end
                    counter-printer  printer         ready

                    """)
            let request = server.requests.first
            #expect(request?.method == "GET")
            #expect(request?.target == "/v1/status")
            #expect(request?.headers["accept"] == "application/json")
        }
    }

    @Test func jsonPrintsTheDaemonsAnswerUnchanged() {
        withServer({ _ in .json(statusJSON) }) { server in
            let run = MadoctlRun(["status", "--json"], environment: ["MADO_SOCKET": server.socketPath])
            #expect(run.status == 0)
            #expect(run.stdout == statusJSON + "\n")
        }
    }

    @Test func ticketIssuePostsJSONAndShowsTheEstimateAsAReferenceValue() {
        withServer({ _ in .json(ticketJSON, status: 201) }) { server in
            let run = MadoctlRun([
                "--socket", server.socketPath, "ticket", "issue", "--service", "juminhyo", "--priority",
            ])
            #expect(run.status == 0)
            #expect(
                run.stdout == """
                    Issued A-023  住民票の写し  (priority)
                    People ahead: 4
                    Estimated wait: 10〜20分 (参考値)
                    Status page: http://127.0.0.1:8080/t/abc

                    """)
            let request = server.requests.first
            #expect(request?.method == "POST")
            #expect(request?.target == "/v1/tickets")
            #expect(request?.headers["content-type"] == "application/json")
            #expect(request?.body == #"{"service":"juminhyo","priority":true}"#)
        }
    }

    @Test func callPostsToTheCounterAndNumberIsOptional() {
        let called = ticketJSON.replacingOccurrences(of: #""state":"waiting""#, with: #""state":"called""#)
            .replacingOccurrences(of: #""counter":null"#, with: #""counter":"c1""#)
        withServer({ _ in .json(called) }) { server in
            let next = MadoctlRun(["--socket", server.socketPath, "call", "--counter", "c1"])
            #expect(next.stdout == "Called A-023  住民票の写し to counter c1\n")
            let chosen = MadoctlRun(["--socket", server.socketPath, "call", "--counter", "c1", "--number", "A-023"])
            #expect(chosen.status == 0)
            #expect(server.requests.map(\.target) == ["/v1/counters/c1/call", "/v1/counters/c1/call"])
            #expect(server.requests.map(\.body) == ["{}", #"{"number":"A-023"}"#])
        }
    }

    @Test func ticketActionsPostToTheirPaths() {
        withServer({ _ in .json(ticketJSON.replacingOccurrences(of: "waiting", with: "parked")) }) { server in
            for command in ["recall", "start", "serve", "noshow", "park", "pending", "cancel"] {
                #expect(MadoctlRun(["--socket", server.socketPath, command, "A-023"]).status == 0)
            }
            let transfer = MadoctlRun(["--socket", server.socketPath, "transfer", "A-023", "--to", "koseki"])
            #expect(transfer.stdout == "A-023  住民票の写し: parked\n")
            #expect(
                server.requests.map(\.target) == [
                    "/v1/tickets/A-023/recall", "/v1/tickets/A-023/start", "/v1/tickets/A-023/served",
                    "/v1/tickets/A-023/noshow", "/v1/tickets/A-023/park", "/v1/tickets/A-023/pending",
                    "/v1/tickets/A-023/cancel", "/v1/tickets/A-023/transfer",
                ])
            #expect(server.requests.last?.body == #"{"service":"koseki"}"#)
        }
    }

    /// A 409 from madod is bad data: exit 65, and the daemon's message (not a transport error) on stderr.
    @Test func conflictAnswerExits65WithTheMessage() {
        let conflict = #"{"error":{"code":"conflict","message":"ticket A-023 is already served","field":"ticket"}}"#
        withServer({ _ in .json(conflict, status: 409) }) { server in
            let run = MadoctlRun(["--socket", server.socketPath, "serve", "A-023"])
            #expect(run.status == 65)
            #expect(run.stderr == "Error: ticket A-023 is already served (field: ticket)\n")
            #expect(run.stdout == "")
        }
    }

    @Test func nonJSONErrorAnswerStillSaysWhatFailed() {
        withServer({ _ in CannedResponse(status: 404, contentType: "text/plain", chunks: ["not found"]) }) { server in
            let run = MadoctlRun(["--socket", server.socketPath, "queue"])
            #expect(run.status == 1)
            #expect(run.stderr == "Error: madod answered HTTP 404 to GET /v1/tickets?state=waiting\n")
        }
    }

    @Test func missingSocketExits69() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        let run = MadoctlRun(["--socket", path, "status"])
        #expect(run.status == 69)
        #expect(run.stderr == "madoctl: madod is not running at \(path)\n")
    }

    @Test func refusedConnectionExits69() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        TestHTTPServer.makeDeadSocket(at: path)
        let run = MadoctlRun(["--socket", path, "queue"])
        #expect(run.status == 69)
        #expect(run.stderr == "madoctl: madod is not running at \(path)\n")
    }

    @Test func silentDaemonTimesOut() {
        withServer({ _ in CannedResponse(silent: true) }) { server in
            let client = AdminClient(socketPath: server.socketPath, requestTimeoutMilliseconds: 300)
            let started = Date()
            do throws(CLIError) {
                _ = try client.get("/v1/status")
                Issue.record("a silent daemon must not look like an answer")
            } catch {
                #expect(error.exitCode == 69)
                #expect(error.message.hasPrefix("madoctl: madod at \(server.socketPath) did not answer within"))
            }
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func queueShowsWaitingTicketsAndCounters() {
        let counters = """
            [{"id":"c1","name":"1番窓口","services":["juminhyo","koseki"],"open":true,
              "current":{"id":"t-0","number":"A-021","service":"juminhyo","state":"serving","priority":false,"callCount":1}},
             {"id":"c2","name":"2","services":["juminhyo"],"open":false,"current":null}]
            """
        withServer({ request in
            request.target.hasPrefix("/v1/counters") ? .json(counters) : .json("[\(ticketJSON)]")
        }) { server in
            let run = MadoctlRun(["--socket", server.socketPath, "queue"])
            #expect(run.status == 0)
            #expect(
                run.stdout == """
                    Waiting (1)
                    NUMBER  SERVICE       ISSUED  CALLS  NOTE
                    A-023   住民票の写し  09:12   0      priority

                    Counters (2)
                    COUNTER  NAME     STATE   SERVING          SERVICES
                    c1       1番窓口  open    A-021 (serving)  juminhyo, koseki
                    c2       2        closed  -                juminhyo

                    """)
            #expect(Set(server.requests.map(\.target)) == ["/v1/tickets?state=waiting", "/v1/counters"])
        }
    }

    /// `queue --watch` draws once, then again after every event, refetching both lists each time.
    @Test func queueWatchRedrawsOnEveryEvent() {
        let events = ["event: ticket.issued\ndata: {}\n\n", ": heartbeat\n\n", "event: ticket.called\ndata: {}\n\n"]
        withServer({ request in
            switch request.target {
            case "/v1/events": CannedResponse(contentType: "text/event-stream", chunks: events, streaming: true)
            case "/v1/counters": .json("[]")
            default: .json("[]")
            }
        }) { server in
            let run = MadoctlRun(["--socket", server.socketPath, "queue", "--watch"])
            let screen = "Waiting (0)\n  nobody is waiting\n\nCounters (0)\n  no counters configured\n"
            #expect(
                run.stdout == "--- queue\n\(screen)--- ticket.issued\n\(screen)--- ticket.called\n\(screen)")
            #expect(run.status == 69)
            #expect(server.requests.filter { $0.target == "/v1/counters" }.count == 3)

            let terminal = MadoctlRun(["--socket", server.socketPath, "queue", "--watch"], isTerminal: true)
            #expect(terminal.stdout.components(separatedBy: "\u{1B}[H\u{1B}[2J").count == 4)
            #expect(terminal.stdout.hasSuffix("Watching madod's events (last: ticket.called); Ctrl-C to stop.\n"))
        }
    }

    @Test func kpiExportWritesTheBodyToTheFile() {
        let csv = "date,tickets,avgWaitMinutes\n2025-04-01,120,14.2\n"
        withServer({ _ in CannedResponse(contentType: "text/csv", chunks: [csv]) }) { server in
            let out = TemporaryDirectory()
            defer { out.remove() }
            let run = MadoctlRun([
                "--socket", server.socketPath, "kpi", "export", "--from", "2025-04-01", "--to", "2025-04-30",
                "--out", out.file("kpi.csv"),
            ])
            #expect(run.status == 0)
            #expect((try? String(contentsOfFile: out.file("kpi.csv"), encoding: .utf8)) == csv)
            #expect(server.requests.first?.target == "/v1/kpi/daily?from=2025-04-01&to=2025-04-30&format=csv")
            let toStdout = MadoctlRun([
                "--socket", server.socketPath, "kpi", "export", "--from", "2025-04-01", "--to", "2025-04-01",
            ])
            #expect(toStdout.stdout == csv)
        }
    }

    /// `events --json` gives one JSON line per event; when madod ends the stream madoctl says so (69).
    @Test func eventsStreamUntilTheDaemonEndsIt() {
        let events = [
            ": heartbeat\n\n", "event: ticket.called\ndata: {\"number\":\"A-023\"}\n", "\n",
            "event: note\ndata: plain text\n\n",
        ]
        withServer({ _ in CannedResponse(contentType: "text/event-stream", chunks: events, streaming: true) }) {
            server in
            let run = MadoctlRun(["--socket", server.socketPath, "--json", "events"])
            #expect(
                run.stdout == """
                    {"event":"ticket.called","data":{"number":"A-023"}}
                    {"event":"note","data":"plain text"}

                    """)
            #expect(run.status == 69)
            #expect(run.stderr == "madoctl: madod at \(server.socketPath) ended the event stream (was it restarted?)\n")
            #expect(server.requests.first?.headers["accept"] == "text/event-stream")

            let raw = MadoctlRun(["--socket", server.socketPath, "events"])
            #expect(raw.stdout == events.joined())
        }
    }

    @Test func streamReaderCanStopCleanly() throws {
        let events = ["event: a\ndata: 1\n\n", "event: b\ndata: 2\n\n", "event: c\ndata: 3\n\n"]
        try withServer({ _ in CannedResponse(contentType: "text/event-stream", chunks: events, streaming: true) }) {
            server in
            let client = AdminClient(socketPath: server.socketPath)
            var parser = ServerSentEventParser()
            var names: [String] = []
            try client.stream("/v1/events") { chunk in
                names += parser.feed(chunk).map(\.name)
                return names.count >= 2 ? .stop : .continue
            }
            #expect(names == ["a", "b"])
        }
    }

    @Test func rejectedStreamReportsTheAPIError() {
        let forbidden =
            #"{"error":{"code":"forbidden","message":"uid 1000 is neither root nor a member of the admin group","field":null}}"#
        withServer({ _ in .json(forbidden, status: 403) }) { server in
            let run = MadoctlRun(["--socket", server.socketPath, "events"])
            #expect(run.status == 77)
            #expect(run.stderr == "Error: uid 1000 is neither root nor a member of the admin group\n")
        }
    }
}
