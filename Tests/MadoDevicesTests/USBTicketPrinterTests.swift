// SPDX-License-Identifier: Apache-2.0
// The libusb path against a umockdev-emulated Epson printer: status bytes, paper end mid-run, unplug/replug.
//
// libusb only sees the emulated printer in a process started with umockdev's LD_PRELOAD, and a running
// test process cannot acquire a preload. So the test has two roles: run normally (the outer run), it
// starts the simulator under umockdev-wrapper and has it run this same test binary, filtered to this one
// test, with MADO_USB_PEER_INNER=1; in that inner run the test drives the printer through libusb and its
// exit status carries the verdict back. The simulator forwards SIGTERM and is bounded by `timeout`, since
// libusb can spin forever on a device that stops answering.
import Foundation
import Glibc
import MadoCore
import MadoDevices
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct USBTicketPrinterTests {
    static let environment = ProcessInfo.processInfo.environment
    static let isInner = environment["MADO_USB_PEER_INNER"] == "1"
    static let isCI = environment["CI"] == "true"

    /// umockdev and Debian's python with the UMockdev bindings. In CI the test always runs, so a missing
    /// tool is a failure there, never a silent skip.
    static let peerIsAvailable: Bool = {
        if isInner || isCI { return true }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper") else { return false }
        let probe = "import gi; gi.require_version('UMockdev', '1.0'); from gi.repository import UMockdev"
        return (try? ChildProcess.run(PrinterSimulator.python, ["-c", probe], timeout: 20).status) == 0
    }()

    @Test(
        .enabled(
            if: peerIsAvailable,
            "umockdev-wrapper or /usr/bin/python3 with gi and gir1.2-umockdev-1.0 is missing (apt install umockdev python3-gi gir1.2-umockdev-1.0)"
        ))
    func usbPrinterStatusPaperEndAndHotplug() async throws {
        if Self.isInner {
            try await USBPrinterScenario().run()
        } else {
            try runUnderUmockdev()
        }
    }

    private func runUnderUmockdev() throws {
        let directory = NSTemporaryDirectory() + "mado-usb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var environment = Self.environment
        environment["MADO_USB_PEER_INNER"] = "1"
        environment["MADO_USB_PEER_CAPTURE"] = directory + "/capture.bin"
        environment["MADO_USB_PEER_STATE"] = directory + "/state"
        let simulator = [
            "/usr/bin/umockdev-wrapper", PrinterSimulator.python, PrinterSimulator.script, "usb",
            "--capture", directory + "/capture.bin", "--state-file", directory + "/state", "--kernel-driver",
            "--paper-end-after", "2", "--verbose", "--",
        ]
        let inner = [
            testBinary, "--testing-library", "swift-testing", "--filter",
            "USBTicketPrinterTests/usbPrinterStatusPaperEndAndHotplug",
        ]
        let child = try ChildProcess(
            executable: "/usr/bin/timeout", arguments: ["-k", "5", "90"] + simulator + inner,
            environment: environment, standardOutput: directory + "/inner.out", standardError: directory + "/inner.err")
        let status = child.wait(timeout: 100)
        if status == nil {
            child.signal(SIGKILL)
            _ = child.wait(timeout: 5)
        }
        let output = (try? String(contentsOfFile: directory + "/inner.out", encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: directory + "/inner.err", encoding: .utf8)) ?? ""
        #expect(status == 0, "inner run under umockdev failed:\n\(output)\n\(errors)")
        // The inner run must really have run the scenario, not filtered it away.
        #expect(output.contains("USB printer scenario finished"), "inner run output:\n\(output)\n\(errors)")
    }
}

/// The checks that run inside the umockdev-preloaded process.
struct USBPrinterScenario {
    let environment = ProcessInfo.processInfo.environment

    func run() async throws {
        let stateFile = try #require(environment["MADO_USB_PEER_STATE"])
        let capturePath = try #require(environment["MADO_USB_PEER_CAPTURE"])
        let simulator = try #require(environment["ESCPOS_SIM_PID"].flatMap { pid_t($0) })
        let address = try TicketPrinterAddress(parsing: "usb://04b8:0e15?serial=MOCK0001")
        let printer = TicketPrinter(name: "kiosk-usb", address: address, settings: TestTickets.settings)

        // Another printer of the same model is told apart by its serial.
        let other = TicketPrinter(
            name: "kiosk-other", address: .usb(vendorID: 0x04B8, productID: 0x0E15, serial: "OTHER"))
        #expect(await other.checkHealth() == .unreachable(reason: "no printer with serial OTHER (found MOCK0001)"))
        await other.shutdown()

        // Status bytes: ready, then near end (a warning, still printing).
        #expect(await printer.checkHealth() == .ready(TicketPrinterStatus()))
        try "near-end".write(toFile: stateFile, atomically: true, encoding: .utf8)
        #expect(await printer.checkHealth().warnings == ["paper-near-end"])

        // Two tickets print and are confirmed; the paper runs out after the second.
        let first = TestTickets.ticket(number: 1, processID: ESCPOSProcessID(sequence: 1))
        let second = TestTickets.ticket(number: 2, processID: ESCPOSProcessID(sequence: 2))
        #expect(await printer.print(first, processID: ESCPOSProcessID(sequence: 1)) == .completed)
        #expect(await printer.print(second, processID: ESCPOSProcessID(sequence: 2)) == .completed)
        let third = await printer.print(TestTickets.ticket(number: 3), processID: ESCPOSProcessID(sequence: 3))
        #expect(third.description == "not sent: paper end — load a new roll")

        // A new roll.
        try "ready".write(toFile: stateFile, atomically: true, encoding: .utf8)
        kill(simulator, SIGHUP)
        #expect(await printer.checkHealth().canPrint)

        // Unplug: the hot-plug thread reports it without any call to the printer.
        kill(simulator, SIGUSR1)
        #expect(await waitFor(printer, "unreachable after unplug") { $0 == .unreachable(reason: "unplugged") })
        let whileGone = await printer.print(TestTickets.ticket(number: 4), processID: nil)
        #expect(whileGone == .refused(.unreachable(reason: "not found (unplugged or switched off)")))

        // Re-plug: the arrival triggers a status check, and printing works again without a restart.
        kill(simulator, SIGUSR2)
        #expect(await waitFor(printer, "ready after re-plug") { $0.canPrint })
        let fifth = TestTickets.ticket(number: 5, processID: ESCPOSProcessID(sequence: 5))
        #expect(await printer.print(fifth, processID: ESCPOSProcessID(sequence: 5)) == .completed)

        let captured = try [UInt8](Data(contentsOf: URL(fileURLWithPath: capturePath)))
        #expect(TestTickets.withoutStatusRequests(captured) == first + second + fifth)
        await printer.shutdown()
        print("USB printer scenario finished")
    }

    /// Polls `lastHealth` (which does no I/O) until `condition` holds, for at most 5 s.
    private func waitFor(
        _ printer: TicketPrinter, _ what: String, _ condition: (TicketPrinterHealth) -> Bool
    ) async -> Bool {
        for _ in 0..<100 {
            if let health = printer.lastHealth, condition(health) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what); last health: \(String(describing: printer.lastHealth))")
        return false
    }
}
