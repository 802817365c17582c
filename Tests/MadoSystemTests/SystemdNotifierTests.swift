// SPDX-License-Identifier: Apache-2.0
// The notify protocol, checked against a datagram socket that plays systemd.
import Glibc
import MadoSystem
import MadoTestThreads
import Testing

@Suite(.ownThread) struct SystemdNotifierTests {
    @Test(arguments: ["path", "abstract"])
    func sendsEachStateAsOneDatagram(kind: String) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let address =
            kind == "path"
            ? directory.file("notify") : "@mado-test-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let systemd = DatagramReceiver(address: address)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": address])
        #expect(notifier.isEnabled)

        try notifier.ready(status: "listening on /run/mado/admin.sock")
        #expect(systemd.receive() == "READY=1\nSTATUS=listening on /run/mado/admin.sock")

        try notifier.stopping()
        #expect(systemd.receive() == "STOPPING=1")

        try notifier.watchdog()
        #expect(systemd.receive() == "WATCHDOG=1")

        try notifier.reloading()
        let reloading = try #require(systemd.receive())
        let lines = reloading.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(
            lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nowMicroseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        #expect(stamp <= nowMicroseconds && nowMicroseconds - stamp < 10_000_000)
    }

    @Test func statusCannotSmuggleASecondAssignment() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let systemd = DatagramReceiver(address: directory.file("notify"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": systemd.address])
        try notifier.ready(status: "ok\nSTOPPING=1")
        #expect(systemd.receive() == "READY=1\nSTATUS=ok\\nSTOPPING=1")
    }

    @Test func withoutNotifySocketEverySendIsANoOp() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.ready(status: "fine")
        try notifier.stopping()
        try notifier.reloading()
        try notifier.watchdog()
        // An address kind we do not speak (newer systemd's vsock:) also disables rather than failing.
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "vsock:2:1234"]).isEnabled)
    }

    @Test func unreachableSocketReportsThePath() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/mado/notify"])
        #expect {
            try notifier.ready()
        } throws: { error in
            "\(error)".contains("/nonexistent/mado/notify") && (error as? SystemError)?.errno == ENOENT
        }
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        let pid = getpid()
        let ours = SystemdNotifier(environment: ["WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "\(pid)"])
        #expect(ours.watchdogInterval == .seconds(10))
        let unnamed = SystemdNotifier(environment: ["WATCHDOG_USEC": "3000000"])
        #expect(unnamed.watchdogInterval == .milliseconds(1500))
        let someoneElses = SystemdNotifier(environment: ["WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "\(pid + 1)"])
        #expect(someoneElses.watchdogInterval == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
    }
}
