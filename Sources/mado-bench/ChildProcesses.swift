// SPDX-License-Identifier: Apache-2.0
// Every madod the bench started, so Ctrl-C or a failure never leaves a daemon behind.
import Dispatch
import Foundation
import Glibc
import Synchronization

/// The process ids of running children and the temp directory, cleaned up on SIGINT/SIGTERM.
enum ChildProcesses {
    private static let running = Mutex<Set<pid_t>>([])
    private static let temporaryRoot = Mutex<String?>(nil)
    // Kept alive for the life of the process: a released source stops delivering signals. Unchecked
    // because it is written once, by main, before any other thread exists, and never read.
    private nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []

    static func add(_ pid: pid_t) { _ = running.withLock { $0.insert(pid) } }
    static func remove(_ pid: pid_t) { _ = running.withLock { $0.remove(pid) } }
    static func setTemporaryRoot(_ path: String?) { temporaryRoot.withLock { $0 = path } }

    /// Kills what is still running (SIGKILL: we are leaving and cannot wait for a drain) and
    /// removes the temp directory unless it is being kept for inspection.
    static func killAll() {
        let pids = running.withLock { pids in
            defer { pids.removeAll() }
            return pids
        }
        for pid in pids {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if let root = temporaryRoot.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Turns SIGINT and SIGTERM into a cleanup and exit 130/143. Called once, from main, before any
    /// child is started; the handlers run on a Dispatch queue, where ordinary code is safe.
    static func installSignalCleanup() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { @Sendable in
                killAll()
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
