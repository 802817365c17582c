// SPDX-License-Identifier: Apache-2.0
// A socat pty pair standing in for a serial LED board: the board's device on one end, the test on the other.
import Foundation
import Glibc

/// `socat pty,link=boardA pty,link=displayB`: two ptys joined, with stable names that vanish when socat stops.
public final class SocatPair {
    public static let executable = "/usr/bin/socat"

    public let directory: String
    public var boardPath: String { directory + "/ledA" }
    public var displayPath: String { directory + "/ledB" }
    private var process: ChildProcess?

    public init() throws {
        directory = NSTemporaryDirectory() + "mado-led-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    public func start() throws {
        process = try ChildProcess(
            executable: Self.executable,
            arguments: [
                "-d", "-d", "pty,raw,echo=0,link=\(boardPath)", "pty,raw,echo=0,link=\(displayPath)",
            ], standardError: directory + "/socat.log")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if access(boardPath, F_OK) == 0 && access(displayPath, F_OK) == 0 { return }
            usleep(10_000)
        }
        throw SocatPairError("socat did not create \(boardPath) and \(displayPath) within 5 s")
    }

    /// SIGTERM, so socat removes its links as a vanished adapter's node disappears.
    public func stop() {
        process?.terminate(grace: 2)
        process = nil
    }

    public func openDisplaySide() throws -> DisplaySide {
        let fd = open(displayPath, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw SocatPairError("cannot open \(displayPath): \(String(cString: strerror(errno)))")
        }
        return DisplaySide(fd: fd)
    }
}

public struct SocatPairError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The LED board's end of the pair: what it was sent.
public final class DisplaySide {
    public let fd: Int32

    init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Reads until `count` bytes came or `within` passed.
    public func read(count: Int, within limit: Duration) -> [UInt8] {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + limit
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < count, ContinuousClock.now < deadline {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n > 0 { received += buffer[..<n] }
        }
        return received
    }
}
