// SPDX-License-Identifier: Apache-2.0
// Child processes for tests through posix_spawn and waitpid. Foundation's Process on Linux can miss a
// child's exit when many run at once (swift-corelibs-foundation #4795, #5197): a test suite that starts
// madod, curl and setpriv in parallel hung in waitUntilExit with no child left.
import CSysShims
public import Foundation
import Glibc

/// A spawned program whose output goes to files; waited for with waitpid, never with a run loop.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `status` is written only by wait(), which the owning test calls from one thread at a time.
    public let pid: Int32  // pid_t
    private var status: Int32?

    /// Starts `executable` with `arguments`; stdout and stderr go to the given files (or /dev/null).
    public init(
        executable: String, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        standardOutput: String = "/dev/null", standardError: String = "/dev/null"
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Tests run in parallel: without this a child would keep whatever other tests had open at that
        // moment (a socket a test waits to see closed, a script being written: ETXTBSY when it runs).
        mado_spawn_close_from(&actions, 3)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        // A child inherits the spawning thread's signal mask, and Dispatch and pool threads block most
        // signals: without this, a spawned madod or printer simulator would ignore SIGTERM and SIGHUP.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw HarnessError(message: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
    }

    /// The exit status (128 + signal for a signalled child), or nil if it still runs after `timeout` seconds.
    public func wait(timeout: Double) -> Int32? {
        if let status { return status }
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            var raw: Int32 = 0
            let rc = waitpid(pid, &raw, WNOHANG)
            if rc == pid {
                let signal = raw & 0x7f
                status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
                return status
            }
            if rc < 0 { return nil }
            usleep(5_000)
        } while Date() < deadline
        return nil
    }

    public var isRunning: Bool { wait(timeout: 0) == nil }

    public func signal(_ number: Int32) { kill(pid, number) }

    /// Asks the child to stop (SIGTERM) and kills it if it has not exited within `grace` seconds.
    public func terminate(grace: Double) {
        guard isRunning else { return }
        signal(SIGTERM)
        if wait(timeout: grace) == nil {
            signal(SIGKILL)
            _ = wait(timeout: 5)
        }
    }

    /// Runs a program to completion and returns its exit status and standard output.
    public static func run(_ executable: String, _ arguments: [String], timeout: Double = 30) throws -> (
        status: Int32, output: String
    ) {
        let outputPath = "/tmp/mado-child-\(UUID().uuidString.prefix(8)).out"
        defer { unlink(outputPath) }
        let child = try ChildProcess(executable: executable, arguments: arguments, standardOutput: outputPath)
        guard let status = child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            _ = child.wait(timeout: 5)
            throw HarnessError(message: "\(executable) did not finish within \(timeout) s")
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }
}
