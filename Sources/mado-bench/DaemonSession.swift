// SPDX-License-Identifier: Apache-2.0
// A madod in a directory of its own: config, state, admin socket and notify socket side by side.
import Foundation
import Glibc

/// A directory with a madod config, and the daemon once `start` has seen READY=1.
/// Every session gets a fresh directory, so every start is a cold start with a new database.
final class DaemonSession {
    let directory: String
    let configPath: String
    let adminSocket: String
    let logPath: String
    private let madod: String
    private let notify: NotifySocket
    private(set) var process: DaemonProcess?

    /// Writes the config: `sections` are extra top-level members as JSON text (e.g. a "queue" object).
    init(madod: String, directory: String, sections: [String] = []) throws(BenchError) {
        self.madod = madod
        self.directory = directory
        configPath = directory + "/madod.json"
        adminSocket = directory + "/admin.sock"
        logPath = directory + "/madod.log"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BenchError("cannot create \(directory): \(error.localizedDescription)")
        }
        notify = try NotifySocket(path: directory + "/notify.sock")
        // The log level is production's default, so the bench pays what a real site pays for logging.
        let members =
            [
                #""site": { "name": "mado-bench", "timeZone": "Asia/Tokyo" }"#,
                #""store": { "path": "state/mado.db" }"#,
                #""admin": { "socket": "admin.sock", "group": null }"#,
                #""log": { "level": "info" }"#,
            ] + sections
        let text = "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
        do {
            try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        } catch {
            throw BenchError("cannot write \(configPath): \(error.localizedDescription)")
        }
    }

    /// Starts madod and waits for READY=1. Returns the seconds from spawn to READY=1.
    @discardableResult
    func start(timeout: Double = 20) throws(BenchError) -> Double {
        let process = try DaemonProcess(
            madod: madod, configPath: configPath, notifySocket: notify.path, logPath: logPath)
        self.process = process
        guard let ready = notify.waitFor("READY=1", until: process.spawnedAt + timeout) else {
            let status = process.isRunning ? "still running" : "exited with status \(process.exitStatusText)"
            let tail = process.logTail()
            process.kill()
            throw BenchError("madod did not send READY=1 within \(Int(timeout)) s (\(status))", logTail: tail)
        }
        return ready - process.spawnedAt
    }

    /// SIGTERM and wait; returns the seconds to exit and throws if the exit status is not 0.
    @discardableResult
    func stop(timeout: Double = 10) throws(BenchError) -> Double {
        guard let process else { return 0 }
        let seconds = try process.terminate(timeout: timeout)
        guard process.exitStatusText == "0" else {
            throw BenchError(
                "madod exited with status \(process.exitStatusText) after SIGTERM (expected 0)",
                logTail: process.logTail())
        }
        return seconds
    }

    /// Stops a daemon that is still running (SIGKILL) and removes the directory.
    func cleanUp(keepFiles: Bool) {
        process?.kill()
        if !keepFiles { try? FileManager.default.removeItem(atPath: directory) }
    }

    func logTail() -> String { process?.logTail() ?? "" }
}
