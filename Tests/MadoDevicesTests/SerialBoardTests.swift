// SPDX-License-Identifier: Apache-2.0
// The serial LED board driver against a real tty: a socat pty pair, the board on one end, the test on the other.
import Foundation
import Glibc
import MadoCore
import MadoDevices
import MadoTestSupport
import MadoTestThreads
import Testing

/// Serialized: each test runs its own socat, and /dev/pts numbers freed by one may be reused by the next.
@Suite(.serialized, .ownThread) struct SerialBoardTests {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let socat = "/usr/bin/socat"
    /// In CI the tests always run, so a missing socat fails there instead of passing silently.
    static let peerIsAvailable: Bool = {
        if isCI { return true }
        let found = FileManager.default.isExecutableFile(atPath: socat)
        if !found { print("SerialBoardTests: skipped, \(socat) is missing (apt install socat)") }
        return found
    }()

    static var quickTiming: SerialBoard.Timing {
        var timing = SerialBoard.Timing()
        timing.retryInitial = .milliseconds(50)
        timing.retryMaximum = .milliseconds(200)
        timing.watchInterval = .milliseconds(100)
        timing.writeTimeout = .seconds(1)
        return timing
    }

    static let calls = [
        LEDBoardFrame.Call(number: "A-001", counter: "1", counterName: "1番窓口", service: "moving", serviceName: "引越し"),
        LEDBoardFrame.Call(
            number: "B-017", counter: "3", counterName: "３番窓口", service: "certificates", serviceName: "証明書"),
        LEDBoardFrame.Call(number: "A-002", counter: "2", counterName: "ｶﾞ窓口", service: "moving", serviceName: "引越し"),
    ]

    @Test(.enabled(if: peerIsAvailable, "socat is missing (apt install socat)"))
    func theBoardReceivesExactlyTheConfiguredFramingForEachCall() async throws {
        let pair = try SocatPair()
        defer { pair.stop() }
        let reader = try pair.openDisplaySide()
        let frame = try LEDBoardFrame(
            encoding: .cp932, prefix: "\u{02}", template: "{number}番 {counterName}へ", suffix: "\u{03}\r\n")
        let board = SerialBoard(name: "hall-led", device: pair.boardPath, baud: 9600, timing: Self.quickTiming)
        var expected: [UInt8] = []
        for call in Self.calls {
            let bytes = frame.render(call).bytes
            expected += bytes
            #expect(await board.write(bytes))
        }
        let received = reader.read(count: expected.count, within: .seconds(5))
        #expect(received == expected)
        // 「３番窓口」 as a board's Shift_JIS font looks it up: 82 52 94 D4 91 8B 8C FB.
        #expect(received.indices(of: [0x82, 0x52, 0x94, 0xD4, 0x91, 0x8B, 0x8C, 0xFB]) != nil)
        #expect(board.lastHealth == .ready)
        await board.shutdown()
    }

    @Test(.enabled(if: peerIsAvailable, "socat is missing (apt install socat)"))
    func anUnpluggedBoardGoesOfflineAndGetsTheCallsOnceItIsBack() async throws {
        let pair = try SocatPair()
        defer { pair.stop() }
        var reader = try pair.openDisplaySide()
        let frame = try LEDBoardFrame(
            encoding: .ascii, prefix: "\u{02}", template: "{number} {counter}", suffix: "\u{03}")
        let board = SerialBoard(name: "hall-led", device: pair.boardPath, baud: 19200, timing: Self.quickTiming)
        var updates = board.healthUpdates().makeAsyncIterator()
        #expect(await updates.next() == .ready)

        let first = frame.render(Self.calls[0]).bytes
        #expect(await board.write(first))
        #expect(reader.read(count: first.count, within: .seconds(5)) == first)

        // The adapter goes away: the idle board notices without a write.
        pair.stop()
        guard case .offline(let reason) = await updates.next() else {
            Issue.record("no offline health after socat stopped")
            return
        }
        #expect(reason.contains("hung up") || reason.contains("no such device"), "reason: \(reason)")
        #expect(
            board.describe(.offline(reason: reason)).hasPrefix("serial display hall-led (\(pair.boardPath)): offline: ")
        )
        let duringOutage = frame.render(Self.calls[1]).bytes
        #expect(!(await board.write(duringOutage)))

        // The adapter comes back under the same name: the waiting call goes out first, then new ones.
        try pair.start()
        reader = try pair.openDisplaySide()
        // Offline reasons may change while it is away (hung up, then no such device); then it is ready.
        var health = await updates.next()
        while case .offline = health { health = await updates.next() }
        #expect(health == .ready)
        let after = frame.render(Self.calls[2]).bytes
        #expect(await board.write(after))
        #expect(reader.read(count: duringOutage.count + after.count, within: .seconds(5)) == duringOutage + after)
        await board.shutdown()
    }

    @Test func aMissingDeviceIsOfflineWithTheReason() async {
        let board = SerialBoard(name: "hall-led", device: "/nonexistent/ttyUSB9", baud: 9600, timing: Self.quickTiming)
        #expect(
            await board.checkHealth()
                == .offline(reason: "cannot open /nonexistent/ttyUSB9: no such device (USB-serial adapter unplugged?)"))
        #expect(!(await board.write([0x41])))
        await board.shutdown()
    }

    @Test(.enabled(if: peerIsAvailable, "socat is missing (apt install socat)"))
    func anUnsupportedSpeedIsRefusedByName() async throws {
        let pair = try SocatPair()
        defer { pair.stop() }
        let board = SerialBoard(name: "hall-led", device: pair.boardPath, baud: 12345, timing: Self.quickTiming)
        guard case .offline(let reason) = await board.checkHealth() else {
            Issue.record("a board at 12345 baud was reported ready")
            return
        }
        #expect(reason.hasPrefix("cannot set \(pair.boardPath) to 12345 baud: not a standard speed"))
        await board.shutdown()
    }
}

extension Array where Element == UInt8 {
    fileprivate func indices(of needle: [UInt8]) -> Int? {
        guard needle.count <= count else { return nil }
        return (0...(count - needle.count)).first { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
