// SPDX-License-Identifier: Apache-2.0
// The ticket printer over TCP 9100 against the fake Epson printer (scripts/peers/escpos_printer_sim.py).
import Glibc
import MadoCore
import MadoDevices
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct TCPTicketPrinterTests {
    private func printer(for simulator: PrinterSimulator, name: String = "kiosk-1") -> TicketPrinter {
        TicketPrinter(
            name: name, address: .tcp(host: "127.0.0.1", port: simulator.port), settings: TestTickets.settings)
    }

    @Test func printsTwoTicketsByteForByteAndBothAreConfirmed() async throws {
        let simulator = try PrinterSimulator(mode: "tcp")
        let printer = printer(for: simulator)
        let first = TestTickets.ticket(number: 1, processID: ESCPOSProcessID(sequence: 1))
        let second = TestTickets.ticket(number: 2, processID: ESCPOSProcessID(sequence: 2))

        let firstOutcome = await printer.print(first, processID: ESCPOSProcessID(sequence: 1))
        let secondOutcome = await printer.print(second, processID: ESCPOSProcessID(sequence: 2))
        #expect(firstOutcome == .completed, "simulator log:\n\(simulator.log)")
        #expect(secondOutcome == .completed)

        let expected = TestTickets.statusRequests + first + TestTickets.statusRequests + second
        #expect(simulator.captured == expected, "simulator log:\n\(simulator.log)")
        #expect(printer.lastHealth == .ready(TicketPrinterStatus()))
        await printer.shutdown()
    }

    @Test func paperEndRefusesTheTicketAndSendsNothingOfIt() async throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--status", "paper-end"])
        let printer = printer(for: simulator)

        let health = await printer.checkHealth()
        #expect(health.faults == ["paper-end"])
        #expect(
            printer.describe(health)
                == "ticket printer kiosk-1 (tcp://127.0.0.1:\(simulator.port)): paper end — load a new roll")
        let outcome = await printer.print(TestTickets.ticket(number: 1), processID: nil)
        #expect(outcome == .refused(health))
        #expect(simulator.captured == TestTickets.statusRequests + TestTickets.statusRequests)
        await printer.shutdown()
    }

    @Test func paperNearEndStillPrintsAndWarnsStaff() async throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--status", "near-end"])
        let printer = printer(for: simulator)
        let ticket = TestTickets.ticket(number: 7, processID: ESCPOSProcessID(sequence: 7))

        #expect(await printer.print(ticket, processID: ESCPOSProcessID(sequence: 7)) == .completed)
        let health = try #require(printer.lastHealth)
        #expect(health.canPrint)
        #expect(health.warnings == ["paper-near-end"])
        #expect(health.advice == "ready, paper near end — have a new roll at hand")
        await printer.shutdown()
    }

    @Test func paperRunningOutAfterATicketRefusesTheNextAndTellsTheStream() async throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--paper-end-after", "1"])
        let printer = printer(for: simulator)
        var updates = printer.healthUpdates().makeAsyncIterator()

        let first = TestTickets.ticket(number: 1, processID: ESCPOSProcessID(sequence: 1))
        #expect(await printer.print(first, processID: ESCPOSProcessID(sequence: 1)) == .completed)
        let second = await printer.print(TestTickets.ticket(number: 2), processID: ESCPOSProcessID(sequence: 2))
        guard case .refused(let health) = second else {
            Issue.record("expected a refusal, got \(second)")
            return
        }
        #expect(health.faults == ["paper-end"])
        #expect(TestTickets.withoutStatusRequests(simulator.captured) == first)

        #expect(await updates.next()?.canPrint == true)
        #expect(await updates.next()?.faults == ["paper-end"])

        // A new roll: the next ticket prints without restarting anything.
        simulator.signal(SIGHUP)
        #expect(await printer.checkHealth().canPrint)
        #expect(await updates.next()?.canPrint == true)
        await printer.shutdown()
    }

    @Test func paperRunningOutDuringATicketIsAFailureNotAPrint() async throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--paper-out-in-ticket", "1"])
        let printer = printer(for: simulator)
        let ticket = TestTickets.ticket(number: 1, processID: ESCPOSProcessID(sequence: 1))

        let outcome = await printer.print(ticket, processID: ESCPOSProcessID(sequence: 1))
        #expect(!outcome.isPrinted)
        guard case .failed(let health) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(health.faults == ["paper-end"])
        await printer.shutdown()
    }

    @Test func aModelWithoutProcessIDsPrintsUnconfirmed() async throws {
        let simulator = try PrinterSimulator(mode: "tcp", options: ["--no-process-id"])
        var settings = TestTickets.settings
        settings.completionTimeout = .milliseconds(300)
        let printer = TicketPrinter(
            name: "kiosk-2", address: .tcp(host: "127.0.0.1", port: simulator.port), settings: settings)
        let ticket = TestTickets.ticket(number: 3, processID: ESCPOSProcessID(sequence: 3))

        let outcome = await printer.print(ticket, processID: ESCPOSProcessID(sequence: 3))
        #expect(outcome == .sentUnconfirmed(reason: "no confirmation within 0.3 s (the model may not support GS ( H)"))
        #expect(outcome.isPrinted)
        await printer.shutdown()
    }

    @Test func aCoverOpenedBetweenTicketsIsReportedAndClosingItRecovers() async throws {
        let simulator = try PrinterSimulator(mode: "tcp")
        let printer = printer(for: simulator)
        #expect(await printer.checkHealth().canPrint)

        try simulator.setState("cover-open")
        let outcome = await printer.print(TestTickets.ticket(number: 1), processID: nil)
        #expect(outcome.description == "not sent: cover open — close the cover")

        try simulator.setState("ready")
        #expect(await printer.print(TestTickets.ticket(number: 2), processID: nil).isPrinted)
        await printer.shutdown()
    }

    @Test func aPrinterThatDiesIsUnreachableAndIsUsedAgainWhenItComesBack() async throws {
        let simulator = try PrinterSimulator(mode: "tcp")
        let printer = printer(for: simulator)
        #expect(await printer.checkHealth().canPrint)

        simulator.kill()
        let outcome = await printer.print(TestTickets.ticket(number: 1), processID: nil)
        #expect(!outcome.isPrinted)
        #expect(printer.lastHealth?.faults == ["unreachable"])
        // Still down: the connection is refused, and the message says where it tried.
        let down = await printer.checkHealth()
        guard case .unreachable(let reason) = down else {
            Issue.record("expected unreachable, got \(down)")
            return
        }
        #expect(reason == "cannot connect to 127.0.0.1:\(simulator.port): Connection refused")

        try simulator.restart()
        let ticket = TestTickets.ticket(number: 2, processID: ESCPOSProcessID(sequence: 2))
        #expect(await printer.print(ticket, processID: ESCPOSProcessID(sequence: 2)) == .completed)
        await printer.shutdown()
    }
}
