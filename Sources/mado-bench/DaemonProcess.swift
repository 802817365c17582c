// SPDX-License-Identifier: Apache-2.0
// One madod started with posix_spawn: the bench owns its pid, so it can time READY=1 and the exit itself.
import Foundation
import Glibc

/// A running madod. Stop it with `terminate`; `kill` is the backstop for failures.
final class DaemonProcess {
    let pid: pid_t
    let logPath: String
    /// Monotonic time just before posix_spawn, the start of every startup figure.
    let spawnedAt: Double
    private(set) var exitStatus: Int32?

    /// Starts `madod --config configPath`, its stdout and stderr appended to `logPath`, with
    /// NOTIFY_SOCKET set so it reports readiness to `notifySocket`.
    init(madod: String, configPath: String, notifySocket: String, logPath: String) throws(BenchError) {
        self.logPath = logPath
        var environment = ProcessInfo.processInfo.environment
        // A bench started from a systemd unit must not hand its own activation sockets to madod.
        for key in ["LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[key] = nil
        }
        environment["NOTIFY_SOCKET"] = notifySocket
        let arguments = [madod, "--config", configPath]
        let environmentLines = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o640)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // The bench ignores SIGINT/SIGTERM itself (a Dispatch source handles them) and ignored
        // signals survive exec: give madod the default dispositions and an empty mask, as systemd does.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        spawnedAt = MonotonicClock.seconds()
        let result = posix_spawn(&child, madod, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw BenchError("cannot start \(madod): \(String(cString: strerror(result)))")
        }
        pid = child
        ChildProcesses.add(child)
    }

    deinit { kill() }

    var isRunning: Bool { reap(block: false) == nil }

    /// "0", "1", "137" (128 + signal), or "unknown" while running.
    var exitStatusText: String { exitStatus.map { String($0) } ?? "unknown" }

    /// Collects the exit status once the process has ended; nil while it runs.
    @discardableResult
    private func reap(block: Bool) -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(pid, &status, block ? 0 : WNOHANG)
        } while result < 0 && errno == EINTR
        guard result == pid else { return nil }
        ChildProcesses.remove(pid)
        // WIFEXITED / WEXITSTATUS are macros Swift cannot see; the layout is fixed on Linux.
        let signalled = status & 0x7f
        exitStatus = signalled == 0 ? (status >> 8) & 0xff : 128 + signalled
        return exitStatus
    }

    /// Sends SIGTERM and waits up to `timeout` seconds. Returns the seconds from the signal to the
    /// exit, or throws (after SIGKILL) when madod does not stop in time.
    func terminate(timeout: Double) throws(BenchError) -> Double {
        let signalled = MonotonicClock.seconds()
        Glibc.kill(pid, SIGTERM)
        while reap(block: false) == nil {
            if MonotonicClock.seconds() - signalled > timeout {
                kill()
                throw BenchError(
                    "madod (pid \(pid)) did not exit within \(Int(timeout)) s of SIGTERM", logTail: logTail())
            }
            usleep(200)
        }
        return MonotonicClock.seconds() - signalled
    }

    /// SIGKILL and reap, for failures and cleanup; nothing happens if it already ended.
    func kill() {
        guard exitStatus == nil else { return }
        if reap(block: false) != nil { return }
        Glibc.kill(pid, SIGKILL)
        reap(block: true)
    }

    /// Memory figures from /proc/PID/status, in bytes.
    struct Memory {
        /// VmRSS: what `ps` and `top` show, and what the idle-RSS goal is about.
        let resident: Double
        /// VmHWM: the most it ever held.
        let peak: Double
        /// RssAnon: heap and stacks, madod's own memory.
        let anonymous: Double
        /// RssFile: pages of mapped files, mostly shared libraries' code (shared with other processes).
        let file: Double
    }

    func memory() throws(BenchError) -> Memory {
        guard let text = ProcStatus.text(of: String(pid)) else {
            throw BenchError("cannot read /proc/\(pid)/status: madod is no longer running", logTail: logTail())
        }
        func bytes(_ field: String) throws(BenchError) -> Double {
            guard let value = ProcStatus.bytes(field, in: text) else {
                throw BenchError("cannot find \(field) in /proc/\(pid)/status")
            }
            return value
        }
        return Memory(
            resident: try bytes("VmRSS"), peak: try bytes("VmHWM"), anonymous: try bytes("RssAnon"),
            file: try bytes("RssFile"))
    }

    /// The last lines madod wrote, to explain a failure.
    func logTail(lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
