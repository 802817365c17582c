// SPDX-License-Identifier: Apache-2.0
// The ticket printer through a /dev/usb/lp-style node: the simulator's pty stands in for usblp.
import MadoCore
import MadoDevices
import MadoTestSupport
import MadoTestThreads
import Testing

/// Serialized: the simulators' ptys come and go, and one test's /dev/pts number may be reused by another's.
@Suite(.serialized, .ownThread) struct USBLPTicketPrinterTests {
    private func printer(for simulator: PrinterSimulator) -> TicketPrinter {
        TicketPrinter(name: "kiosk-lp", address: .usblp(path: simulator.devicePath), settings: TestTickets.settings)
    }

    @Test func printsTwoTicketsByteForByteAndBothAreConfirmed() async throws {
        let simulator = try PrinterSimulator(mode: "usblp")
        let printer = printer(for: simulator)
        let first = TestTickets.ticket(number: 1, processID: ESCPOSProcessID(sequence: 1))
        let second = TestTickets.ticket(number: 2, processID: ESCPOSProcessID(sequence: 2))

        #expect(await printer.print(first, processID: ESCPOSProcessID(sequence: 1)) == .completed)
        #expect(await printer.print(second, processID: ESCPOSProcessID(sequence: 2)) == .completed)
        let expected = TestTickets.statusRequests + first + TestTickets.statusRequests + second
        #expect(simulator.captured == expected, "simulator log:\n\(simulator.log)")
        await printer.shutdown()
    }

    @Test func paperEndRefusesAndNearEndWarns() async throws {
        let simulator = try PrinterSimulator(mode: "usblp", options: ["--status", "paper-end"])
        let printer = printer(for: simulator)
        let refused = await printer.print(TestTickets.ticket(number: 1), processID: nil)
        #expect(refused.description == "not sent: paper end — load a new roll")

        try simulator.setState("near-end")
        let ticket = TestTickets.ticket(number: 2, processID: ESCPOSProcessID(sequence: 2))
        #expect(await printer.print(ticket, processID: ESCPOSProcessID(sequence: 2)) == .completed)
        #expect(printer.lastHealth?.warnings == ["paper-near-end"])
        #expect(TestTickets.withoutStatusRequests(simulator.captured) == ticket)
        await printer.shutdown()
    }

    @Test func aVanishedDeviceIsUnreachableAndIsUsedAgainWhenItComesBack() async throws {
        let simulator = try PrinterSimulator(mode: "usblp")
        let printer = printer(for: simulator)
        #expect(await printer.checkHealth().canPrint)

        simulator.kill()
        #expect(await printer.checkHealth().faults == ["unreachable"])
        #expect(!(await printer.print(TestTickets.ticket(number: 1), processID: nil)).isPrinted)

        try simulator.restart()
        let ticket = TestTickets.ticket(number: 2, processID: ESCPOSProcessID(sequence: 2))
        #expect(await printer.print(ticket, processID: ESCPOSProcessID(sequence: 2)) == .completed)
        await printer.shutdown()
    }

    @Test func aMissingNodeSaysWhatToCheck() async {
        let printer = TicketPrinter(name: "kiosk-lp", address: .usblp(path: "/nonexistent/lp9"))
        let health = await printer.checkHealth()
        #expect(
            printer.describe(health)
                == "ticket printer kiosk-lp (usblp:///nonexistent/lp9): unreachable: cannot open /nonexistent/lp9: "
                + "no such device (unplugged, or the usblp driver is not loaded) — check power and cable")
        await printer.shutdown()
    }
}
