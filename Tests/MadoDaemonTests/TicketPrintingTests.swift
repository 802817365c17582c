// SPDX-License-Identifier: Apache-2.0
// A kiosk's ticket through the real madod to a fake ESC/POS printer on TCP 9100, and what happens
// when the paper runs out before or during a ticket.
import Foundation
import Glibc
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct TicketPrintingTests {
    /// A madod whose LAN kiosk token prints on `simulator`.
    private func start(_ simulator: PrinterSimulator, completionTimeout: Int = 2) throws -> (DaemonHarness, String) {
        let printers = """
              "ticketPrinters": [
                { "id": "kiosk-1", "uri": "tcp://127.0.0.1:\(simulator.port)", "kiosk": "kiosk-1",
                  "header": ["テスト区役所", "市民課"], "completionTimeoutSeconds": \(completionTimeout) }
              ],
            """
        let daemon = try DaemonHarness(extraConfig: printers + QueueTestDaemon.extraConfig(lan: true))
        do {
            try daemon.start()
            let status = try daemon.request("GET", "/v1/status")
            let listeners = status.object?["listeners"] as? [[String: Any]] ?? []
            let base = try #require(listeners.first { $0["kind"] as? String == "lan" }?["address"] as? String)
            return (daemon, base)
        } catch {
            daemon.cleanUp()
            throw error
        }
    }

    private func issue(_ base: String) throws -> (Int, [String: Any]) {
        let (status, text) = try curl(
            "POST", base + "/v1/tickets", token: QueueTestDaemon.kioskToken, body: #"{"service":"moving"}"#)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        return (status, object)
    }

    private func tickets(_ daemon: DaemonHarness) throws -> [[String: Any]] {
        try daemon.request("GET", "/v1/tickets").array ?? []
    }

    private func printerDevice(_ daemon: DaemonHarness) throws -> [String: Any]? {
        let devices = try daemon.request("GET", "/v1/status").object?["devices"] as? [[String: Any]] ?? []
        return devices.first { $0["id"] as? String == "ticket-printer:kiosk-1" }
    }

    @Test func theKioskGetsItsTicketOnlyOnceItIsPrinted() throws {
        let simulator = try PrinterSimulator(mode: "tcp")
        defer { simulator.stop() }
        let (daemon, base) = try start(simulator)
        defer { daemon.cleanUp() }

        let (status, ticket) = try issue(base)
        #expect(status == 201, "\(ticket)")
        #expect(ticket["number"] as? String == "A-001")
        #expect(ticket["printed"] as? String == "confirmed")

        // What reached the paper: the number, the service, the QR code of the status page, a cut.
        let commands = ESCPOSDecoder().decode(simulator.captured).commands
        let texts = commands.compactMap { command -> String? in
            if case .text(let text) = command { return text }
            return nil
        }
        #expect(texts.contains("A-001"))
        #expect(texts.contains("引越し"))
        #expect(texts.contains("市民課"))
        let qr = commands.compactMap { command -> String? in
            if case .qrCode(let code) = command { return String(decoding: code.data, as: UTF8.self) }
            return nil
        }
        #expect(qr == [try #require(ticket["statusURL"] as? String)])
        #expect(commands.filter { if case .cut = $0 { true } else { false } }.count == 1)
        #expect(try printerDevice(daemon)?["state"] as? String == "ready")
    }

    @Test func aKioskOutOfPaperIsRefusedAndTakesNoNumber() throws {
        let simulator = try PrinterSimulator(mode: "tcp")
        defer { simulator.stop() }
        let (daemon, base) = try start(simulator)
        defer { daemon.cleanUp() }
        try simulator.setState("paper-end")

        let (status, refusal) = try issue(base)
        #expect(status == 503)
        let error = refusal["error"] as? [String: Any]
        #expect(error?["code"] as? String == "printer_unavailable")
        #expect((error?["message"] as? String)?.contains("paper end") == true, "\(refusal)")
        #expect(try tickets(daemon).isEmpty, "a refused ticket must not be in the queue")
        #expect(!simulator.captured.contains(0x1D), "no ticket bytes may be sent to a printer out of paper")
        let device = try printerDevice(daemon)
        #expect(device?["state"] as? String == "error")
        #expect((device?["detail"] as? String)?.contains("paper end") == true)

        // A new roll: the next resident gets the first number of the day.
        try simulator.setState("ready")
        let (after, ticket) = try issue(base)
        #expect(after == 201)
        #expect(ticket["number"] as? String == "A-001")
    }

    @Test func aTicketCutShortByThePaperRunningOutIsCancelled() throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--paper-out-in-ticket", "1"])
        defer { simulator.stop() }
        let (daemon, base) = try start(simulator)
        defer { daemon.cleanUp() }

        let (status, refusal) = try issue(base)
        #expect(status == 503, "\(refusal)")
        // The number was taken and is never called: the ticket is cancelled, not left waiting.
        let list = try tickets(daemon)
        #expect(list.count == 1)
        #expect(list.first?["number"] as? String == "A-001")
        #expect(list.first?["state"] as? String == "cancelled")
        let waiting = try daemon.request("GET", "/v1/tickets?state=waiting").array ?? []
        #expect(waiting.isEmpty)
    }

    @Test func aCounterDoesNotCallATicketStillComingOutOfTheKiosk() throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--process-id-delay", "2"])
        defer { simulator.stop() }
        // The printer takes 2 s per ticket; madod waits up to 10 s for its "printed".
        let (daemon, base) = try start(simulator, completionTimeout: 10)
        defer { daemon.cleanUp() }
        // The kiosk's request waits for the (slow) printer; meanwhile counter 2 asks for the next.
        let output = NSTemporaryDirectory() + "mado-kiosk-\(UUID().uuidString.prefix(8)).json"
        defer { unlink(output) }
        let kiosk = try ChildProcess(
            executable: "/usr/bin/curl",
            arguments: [
                "-s", "-X", "POST", "-H", "Authorization: Bearer \(QueueTestDaemon.kioskToken)", "-H",
                "Content-Type: application/json", "--data-binary", #"{"service":"moving"}"#, base + "/v1/tickets",
            ], standardOutput: output)
        var issued = false
        for _ in 0..<100 where !issued {
            issued = try tickets(daemon).contains { $0["number"] as? String == "A-001" }
            if !issued { usleep(10_000) }
        }
        #expect(issued, "the ticket is committed before it is printed")
        let early = try daemon.request("POST", "/v1/counters/2/call")
        #expect(early.status == 200)
        #expect(early.object?["number"] == nil, "A-001 is still being printed: \(early.text)")
        #expect(kiosk.wait(timeout: 10) == 0)
        let answer = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect((answer as? [String: Any])?["printed"] as? String == "confirmed")
        // In the resident's hand now: the next call is theirs.
        #expect(try daemon.request("POST", "/v1/counters/2/call").object?["number"] as? String == "A-001")
    }

    @Test func theOnlyPrinterPrintsTicketsIssuedOnTheAdminSocket() throws {
        let simulator = try PrinterSimulator(mode: "tcp")
        defer { simulator.stop() }
        let (daemon, _) = try start(simulator)
        defer { daemon.cleanUp() }
        let response = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#)
        #expect(response.status == 201)
        #expect(response.object?["printed"] as? String == "confirmed")
        let unknown = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving","printer":"kiosk-9"}"#)
        #expect(unknown.status == 400)
        #expect(unknown.error?["field"] as? String == "printer")
    }
}
