// SPDX-License-Identifier: Apache-2.0
// Starts scripts/peers/escpos_printer_sim.py as a real peer (TCP or usblp pty) and stops it by its PID;
// shared by the device tests and the daemon's ticket printing tests.
import Foundation
import Glibc

/// One running fake printer. Everything it is sent lands in `capturePath`; `stateFile` changes its
/// condition while it runs ("cover-open", "paper-end", "near-end"...).
public final class PrinterSimulator: @unchecked Sendable {
    // @unchecked: `child` is replaced only by restart(), which the owning test calls from one task.
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/peers/escpos_printer_sim.py").path
    /// Debian's python: the TCP and pty modes need only the standard library, the USB mode needs its gi.
    public static let python = "/usr/bin/python3"

    public let directory: String
    public let capturePath: String
    public let stateFile: String
    public let mode: String
    private let options: [String]
    private var child: ChildProcess?
    public private(set) var port: UInt16 = 0
    public let devicePath: String

    /// Starts the simulator in `mode` ("tcp" or "usblp") with extra `options` and waits until it is ready.
    public init(mode: String, options: [String] = []) throws {
        directory = NSTemporaryDirectory() + "mado-escpos-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        capturePath = directory + "/capture.bin"
        stateFile = directory + "/state"
        devicePath = directory + "/lp0"
        self.mode = mode
        self.options = options
        try start(port: 0)
    }

    private func start(port requestedPort: UInt16) throws {
        let readyFile = directory + "/ready"
        unlink(readyFile)
        // --lifetime and --exit-with-parent keep a simulator from outliving a crashed or hung test run.
        var arguments = [
            Self.script, mode, "--capture", capturePath, "--state-file", stateFile, "--ready-file", readyFile,
            "--verbose", "--lifetime", "120", "--exit-with-parent",
        ]
        if mode == "tcp" { arguments += ["--port", String(requestedPort)] }
        if mode == "usblp" { arguments += ["--path", devicePath] }
        arguments += options
        child = try ChildProcess(
            executable: Self.python, arguments: arguments, standardError: directory + "/simulator.log")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: readyFile, encoding: .utf8) {
                if mode == "tcp",
                    let number = text.split(separator: " ").last.flatMap({
                        UInt16($0.trimmingCharacters(in: .whitespacesAndNewlines))
                    })
                {
                    port = number
                }
                return
            }
            if child?.isRunning == false { break }
            usleep(10_000)
        }
        throw SimulatorError(message: "the printer simulator did not start: \(log)")
    }

    /// The simulator's stderr, for failure messages.
    public var log: String { (try? String(contentsOfFile: directory + "/simulator.log", encoding: .utf8)) ?? "" }

    public var captured: [UInt8] { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: capturePath)))) ?? [] }

    public func setState(_ words: String) throws {
        try words.write(toFile: stateFile, atomically: true, encoding: .utf8)
    }

    /// Kills the simulator at once, as a power cut would.
    public func kill() {
        guard let child else { return }
        child.signal(SIGKILL)
        _ = child.wait(timeout: 5)
        // Unplugging removes /dev/usb/lpN; a dangling link could meet a reused /dev/pts number.
        if mode == "usblp" { unlink(devicePath) }
    }

    public func signal(_ number: Int32) { child?.signal(number) }

    /// Starts a new simulator on the same port or device path, keeping the capture.
    public func restart() throws { try start(port: port) }

    public func stop() {
        child?.terminate(grace: 5)
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }
}

public struct SimulatorError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
