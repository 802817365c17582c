// SPDX-License-Identifier: Apache-2.0
// Runs the real madod binary for tests: a temp directory with a config, a datagram socket playing
// systemd's notify socket, stderr captured to a file, and helpers to signal and wait.
import Foundation
import Glibc
import MadoSystem

/// Locates executables built beside the test bundle.
public enum BuiltProducts {
    public static func path(_ name: String) -> String {
        if let dir = ProcessInfo.processInfo.environment["MADO_BUILD_DIR"] { return dir + "/" + name }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent(name).path
    }
}

/// A datagram socket that receives what madod sends with the systemd notify protocol.
public final class NotifySocketListener {
    public let path: String
    private let fd: Int32

    public init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else { throw SystemError(call: "bind", errno: errno, detail: path) }
    }

    deinit { close(fd) }

    /// The next datagram, or nil after `timeout` seconds.
    public func receive(timeout: Double) -> String? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// Waits for a datagram containing `text`, returning every datagram seen on the way (nil on timeout).
    public func waitFor(_ text: String, timeout: Double) -> [String]? {
        let deadline = Date().addingTimeInterval(timeout)
        var seen: [String] = []
        while Date() < deadline {
            guard let message = receive(timeout: deadline.timeIntervalSinceNow) else { break }
            seen.append(message)
            if message.contains(text) { return seen }
        }
        return nil
    }
}

/// One madod process under test.
public final class DaemonHarness {
    public let directory: String
    public let configPath: String
    public let socketPath: String
    public let logPath: String
    public let notify: NotifySocketListener
    public private(set) var process: ChildProcess?

    /// Writes `config` (a JSON object's members as text, merged over a minimal config) into a temp dir.
    public init(extraConfig: String = "", name: String = "madod") throws {
        directory = "/tmp/mado-test-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configPath = directory + "/madod.json"
        socketPath = directory + "/admin.sock"
        logPath = directory + "/madod.log"
        notify = try NotifySocketListener(path: directory + "/notify.sock")
        try writeConfig(extraConfig: extraConfig)
    }

    /// Replaces the config file (for reload tests).
    public func writeConfig(extraConfig: String, logLevel: String = "info") throws {
        let text = """
            {
              "site": { "name": "テスト区役所", "timeZone": "Asia/Tokyo" },
              "store": { "path": "state/mado.db" },
              "admin": { "socket": "admin.sock", "group": null },
              "log": { "level": "\(logLevel)" }\(extraConfig.isEmpty ? "" : ",\n  " + extraConfig)
            }
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts madod; returns after READY=1 (or throws with the log when it does not come).
    @discardableResult
    public func start(environment extra: [String: String] = [:], waitForReady: Bool = true) throws -> [String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        for (key, value) in extra { environment[key] = value }
        let process = try ChildProcess(
            executable: BuiltProducts.path("madod"), arguments: ["--config", configPath], environment: environment,
            standardOutput: logPath, standardError: logPath)
        self.process = process
        guard waitForReady else { return [] }
        guard let messages = notify.waitFor("READY=1", timeout: 20) else {
            throw HarnessError(message: "madod did not become ready; log:\n\(self.log)")
        }
        return messages
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    public func signal(_ number: Int32) {
        process?.signal(number)
    }

    /// Waits for the process to end; nil if it is still running after `timeout` seconds.
    public func waitForExit(timeout: Double) -> Int32? {
        process?.wait(timeout: timeout)
    }

    /// Stops the daemon if it still runs and removes the directory.
    public func cleanUp() {
        process?.terminate(grace: 6)
        try? FileManager.default.removeItem(atPath: directory)
    }

    public func request(_ method: String, _ path: String, body: String = "", headers: [String: String] = [:]) throws
        -> RawHTTPResponse
    {
        try RawHTTP.request(socket: socketPath, method: method, path: path, headers: headers, body: Data(body.utf8))
    }
}

public struct HarnessError: Error, CustomStringConvertible {
    public let message: String

    public init(message: String) { self.message = message }
    public var description: String { message }
}
