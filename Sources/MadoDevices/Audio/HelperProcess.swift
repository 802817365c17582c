// SPDX-License-Identifier: Apache-2.0
// Runs a helper program (open_jtalk) to completion with a time limit, through posix_spawn and waitpid.
import CSysShims
import Foundation
import Glibc

/// A short-lived helper program run by madod itself.
///
/// Not Foundation's `Process`: on Linux it can miss a child's exit when several run at once
/// (swift-corelibs-foundation #4795, #5197), and it needs a run loop. This blocks the calling thread
/// while it waits, so it is only called from a device's own `DispatchQueue`, never from the cooperative pool.
enum HelperProcess {
    /// The outcome of one run.
    struct Outcome: Sendable, Equatable {
        /// The exit status, or 128 + the signal for a signalled child.
        var status: Int32
        /// The first line the program wrote to its standard error (trimmed, at most 200 characters).
        var firstErrorLine: String
    }

    /// Runs `executable` with `arguments`, standard input from /dev/null, standard output discarded.
    /// Kills the child (SIGKILL) and throws when it has not finished within `timeout`.
    static func run(executable: String, arguments: [String], timeout: Duration) throws(DeviceError) -> Outcome {
        let errorPath = NSTemporaryDirectory() + "/mado-helper-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).err"
        defer { unlink(errorPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else of madod (its sockets, the database) goes to the helper.
        mado_spawn_close_from(&actions, 3)
        // The caller is a Dispatch thread, which blocks most signals, and madod ignores SIGPIPE: the child
        // gets an empty mask and default actions, so that SIGTERM from a technician stops it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // A fixed, small environment: the helper needs no secret of madod's, and UTF-8 locale for its input.
        let environment = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"]
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw DeviceError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        let deadline = ContinuousClock.now + timeout
        var raw: Int32 = 0
        while true {
            let waited = waitpid(pid, &raw, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR {
                throw DeviceError("cannot wait for \(executable): \(String(cString: strerror(errno)))")
            }
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
                throw DeviceError("\(executable) did not finish within \(timeout) and was stopped")
            }
            usleep(5_000)
        }
        let signal = raw & 0x7f
        let status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
        let errorText = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let firstLine = errorText.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return Outcome(
            status: status, firstErrorLine: String(firstLine.trimmingCharacters(in: .whitespaces).prefix(200)))
    }
}
