// SPDX-License-Identifier: Apache-2.0
// The systemd notify protocol (READY=1, STOPPING=1, WATCHDOG=1...) without libsystemd.
import CSysShims
import Glibc

/// Tells systemd about the daemon's state through `$NOTIFY_SOCKET` (see sd_notify(3) and systemd's
/// notify-selfcontained-example.c). Each message is one datagram on a fresh SOCK_DGRAM socket.
///
/// Outside systemd (no `NOTIFY_SOCKET`, or a kind of address other than a path or `@abstract` name) the
/// notifier is disabled and every send does nothing, so callers never need to check.
public struct SystemdNotifier: Sendable {
    /// The socket address: a path, or "@name" for the abstract namespace. Nil when disabled.
    public let socketAddress: String?
    private let watchdogMicroseconds: UInt64?

    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from `environment`.
    public init(environment: [String: String]) {
        self.init(environment: environment, pid: getpid())
    }

    /// As `init(environment:)`, with the pid WATCHDOG_PID is compared against given explicitly.
    public init(environment: [String: String], pid: Int32) {
        if let address = environment["NOTIFY_SOCKET"], address.hasPrefix("/") || address.hasPrefix("@") {
            socketAddress = address
        } else {
            socketAddress = nil
        }
        // systemd sets WATCHDOG_PID so that a child which inherited the environment does not ping for us.
        let watchdogIsOurs = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
        if watchdogIsOurs, let usec = environment["WATCHDOG_USEC"].flatMap({ UInt64($0) }), usec > 0 {
            watchdogMicroseconds = usec
        } else {
            watchdogMicroseconds = nil
        }
    }

    public var isEnabled: Bool { socketAddress != nil }

    /// How often to send `watchdog()`: half the WatchdogSec= systemd set, as sd_watchdog_enabled(3)
    /// recommends. Nil when no watchdog is configured for this process.
    public var watchdogInterval: Duration? {
        watchdogMicroseconds.map { .microseconds($0 / 2) }
    }

    /// Sends `state` ("KEY=value" lines) as one datagram; does nothing when not enabled.
    public func send(_ state: String) throws(SystemError) {
        guard let socketAddress else { return }
        let address = try UnixSocketAddress(socketAddress, call: "send")
        let detail = "systemd notify socket \(socketAddress)"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError.last("socket", detail) }
        defer { close(fd) }
        let bytes = Array(state.utf8)
        var sent: Int
        repeat {
            sent = bytes.withUnsafeBytes { message in
                address.withSocketAddress {
                    Glibc.sendto(fd, message.baseAddress, message.count, Int32(MSG_NOSIGNAL), $0, $1)
                }
            }
        } while sent < 0 && Glibc.errno == EINTR
        guard sent >= 0 else { throw SystemError.last("send", detail) }
        guard sent == bytes.count else {
            throw SystemError(call: "send", errno: EMSGSIZE, detail: detail, reason: "the message was cut short")
        }
    }

    /// "READY=1", with a "STATUS=" line systemctl status shows when `status` is given.
    public func ready(status: String? = nil) throws(SystemError) {
        try send("READY=1" + statusLine(status))
    }

    /// "STOPPING=1": shutdown has begun.
    public func stopping() throws(SystemError) {
        try send("STOPPING=1")
    }

    /// "RELOADING=1" with the CLOCK_MONOTONIC time Type=notify-reload requires; send `ready()` once the
    /// new configuration is in force.
    public func reloading() throws(SystemError) {
        try send("RELOADING=1\nMONOTONIC_USEC=\(mado_monotonic_usec())")
    }

    /// "WATCHDOG=1": the daemon is alive. Send every `watchdogInterval`.
    public func watchdog() throws(SystemError) {
        try send("WATCHDOG=1")
    }

    /// "STATUS=...": a one-line status for systemctl status.
    public func status(_ text: String) throws(SystemError) {
        try send(String(statusLine(text).dropFirst()))
    }

    private func statusLine(_ status: String?) -> String {
        guard let status else { return "" }
        // A line break would start a new, unintended assignment in the datagram.
        return "\nSTATUS=" + Logger.singleLine(status)
    }
}
