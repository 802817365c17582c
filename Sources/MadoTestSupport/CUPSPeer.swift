// SPDX-License-Identifier: Apache-2.0
// A private CUPS for tests (scripts/peers/cups-peer): cupsd with one queue on an ippeveprinter whose
// paper tray the test can empty and refill, and which keeps every document it prints.
import Foundation
import Glibc

/// Starts `scripts/peers/cups-peer` and reads the environment it prints. Everything runs in a temp dir
/// and is stopped by `stop()` (or deinit).
public final class CUPSPeer: @unchecked Sendable {
    // @unchecked: the properties are set once in init; `process` is only used by the owning test's
    // thread (start/stop), and the file-reading helpers touch no shared state.
    public static let script: String = {
        // Sources/MadoTestSupport/CUPSPeer.swift → the repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("scripts/peers/cups-peer").path
    }()

    /// The programs the peer needs, with the Debian package that has each.
    public static let requirements: [(path: String, package: String)] = [
        ("/usr/sbin/cupsd", "cups"), ("/usr/sbin/ippeveprinter", "cups-ipp-utils"),
        ("/usr/sbin/lpadmin", "cups-client"), ("/usr/bin/dbus-daemon", "dbus"), ("/usr/bin/curl", "curl"),
        ("/usr/bin/ipptool", "cups-ipp-utils"),
    ]

    /// Why the peer cannot run here (a missing program), or nil.
    public static var unavailableReason: String? {
        let missing = requirements.filter { !FileManager.default.isExecutableFile(atPath: $0.path) }
        guard !missing.isEmpty else { return nil }
        return "missing " + missing.map { "\($0.path) (apt install \($0.package))" }.joined(separator: ", ")
    }

    /// CUPS_SERVER for libcups: the private cupsd's socket.
    public let server: String
    public let queue: String
    public let printerURI: String
    /// The virtual printer's web root (its /media form sets the tray).
    public let webURL: String
    /// Where the virtual printer keeps what it printed: `<job>-<job-name>.pdf` and `.attrs`.
    public let receivedDirectory: String
    public let directory: String
    private let outputPath: String
    private var process: ChildProcess?

    /// Starts the peer and waits (up to `timeout` seconds) until its queue exists.
    public init(timeout: Double = 30) throws {
        let tag = UUID().uuidString.prefix(8)
        let directory = NSTemporaryDirectory() + "mado-cups-peer-\(tag)"
        outputPath = NSTemporaryDirectory() + "mado-cups-peer-\(tag).out"
        var environment = ProcessInfo.processInfo.environment
        environment["CUPS_PEER_LIFETIME"] = "900"
        environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        let child = try ChildProcess(
            executable: "/bin/bash", arguments: [Self.script, directory], environment: environment,
            standardOutput: outputPath, standardError: outputPath)
        var values: [String: String] = [:]
        let deadline = Date().addingTimeInterval(timeout)
        var output = ""
        while Date() < deadline {
            output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if output.contains("CUPS_PEER_READY") { break }
            if !child.isRunning { break }
            usleep(50_000)
        }
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count)
            guard let equals = pair.firstIndex(of: "=") else { continue }
            values[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        guard output.contains("CUPS_PEER_READY"), let server = values["CUPS_SERVER"],
            let queue = values["CUPS_PEER_QUEUE"], let printer = values["CUPS_PEER_PRINTER"],
            let web = values["CUPS_PEER_WEB"], let received = values["CUPS_PEER_RECEIVED"]
        else {
            child.terminate(grace: 5)
            unlink(outputPath)
            throw HarnessError(
                message: "the CUPS peer (\(Self.script)) did not come up within \(timeout) s: "
                    + output.suffix(1500))
        }
        self.process = child
        self.server = server
        self.queue = queue
        self.printerURI = printer
        self.webURL = web
        self.receivedDirectory = received
        self.directory = directory
    }

    deinit { stop() }

    /// Stops cupsd, the virtual printer and the bus, and removes the temp dir.
    public func stop() {
        process?.terminate(grace: 10)
        process = nil
        unlink(outputPath)
    }

    // MARK: - What the printer received

    /// The documents the virtual printer printed, in job order (`1-mado-<id>.pdf`, …).
    public func receivedDocuments() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: receivedDirectory)) ?? []
        return names.filter { $0.hasSuffix(".pdf") }.sorted { jobNumber($0) < jobNumber($1) }
    }

    /// The received documents whose job-name is `jobName` (`<n>-<jobName>.pdf`).
    public func receivedDocuments(named jobName: String) -> [String] {
        receivedDocuments().filter { $0.hasSuffix("-\(jobName).pdf") }
    }

    /// The IPP attributes the printer got with a received document (`IPP_MEDIA_COL`, `IPP_SIDES`, …),
    /// written by the peer's print hook once the document has printed.
    public func attributes(ofDocument name: String) -> [String: String] {
        let path = receivedDirectory + "/" + name.dropLast(".pdf".count) + ".attrs"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }

    private func jobNumber(_ name: String) -> Int { Int(name.prefix { $0.isNumber }) ?? 0 }

    // MARK: - Paper and queue

    /// Sets the main tray to 0 sheets of A4: ippeveprinter reports media-empty (media-needed while a
    /// job waits) and holds the job it is processing until the tray is refilled.
    public func emptyTray() throws { try setMainTray(level: 0) }

    /// Fills the main tray with 250 sheets of A4: the held job prints.
    public func refillTray() throws { try setMainTray(level: 250) }

    /// ippeveprinter's /media form sets every tray at once: `size<i>`, `type<i>`, `level<i>` for each
    /// media-source index i (main is 1, by-pass-tray 3). A tray left out reads as level 0, so the
    /// by-pass tray is sent its "unknown" level (-2) to keep it from reporting media-empty.
    private func setMainTray(level: Int) throws {
        let query =
            "size1=iso_a4_210x297mm&type1=stationery&level1=\(level)"
            + "&size3=na_number-10_4.125x9.5in&type3=envelope&level3=-2"
        let result = try ChildProcess.run("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "\(webURL)/media?\(query)"])
        guard result.status == 0 else {
            throw HarnessError(message: "the virtual printer's /media form failed (curl exit \(result.status))")
        }
    }

    /// Runs a CUPS command-line tool (cupsdisable, lpstat, …) against the private cupsd.
    @discardableResult
    public func cupsTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = ["/usr/sbin/", "/usr/bin/"].map { $0 + tool }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let path else { throw HarnessError(message: "\(tool) is missing (apt install cups-client)") }
        // ChildProcess.run inherits the environment; the tool needs CUPS_SERVER, so go through env(1).
        return try ChildProcess.run("/usr/bin/env", ["CUPS_SERVER=\(server)", path] + arguments)
    }

    /// Stops the queue, as CUPS does after a printer error with the stop-printer policy (`cupsdisable`).
    public func stopQueue() throws {
        let result = try cupsTool("cupsdisable", [queue])
        guard result.status == 0 else { throw HarnessError(message: "cupsdisable \(queue) failed: \(result.output)") }
    }

    /// What a failing test should show: the queue, its jobs and the tails of cupsd's and the printer's logs.
    public func diagnostics() -> String {
        func tail(_ path: String) -> String {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(no \(path))"
            return text.split(separator: "\n").suffix(15).joined(separator: "\n")
        }
        let queue = (try? cupsTool("lpstat", ["-l", "-p", self.queue]).output) ?? ""
        let jobs = (try? cupsTool("lpstat", ["-W", "all", "-o", self.queue]).output) ?? ""
        // The filters cupsd was given for the queue: "unable to convert" means the PDF one is missing.
        let ppd = (try? String(contentsOfFile: "\(directory)/cupsd/etc/ppd/\(self.queue).ppd", encoding: .utf8)) ?? ""
        let filters = ppd.split(separator: "\n").filter { $0.hasPrefix("*cupsFilter") }.joined(separator: "\n")
        return "queue:\n\(queue)\njobs:\n\(jobs)\nreceived: \(receivedDocuments())\nPPD filters:\n\(filters)\n"
            + "cupsd error_log:\n" + tail(directory + "/cupsd/log/error_log") + "\nippeveprinter:\n"
            + tail(directory + "/ippeve.log")
    }

    /// The queue's state line from `lpstat -p`.
    public func queueState() throws -> String {
        try cupsTool("lpstat", ["-p", queue]).output
    }
}
