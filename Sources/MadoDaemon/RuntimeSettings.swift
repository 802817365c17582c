// SPDX-License-Identifier: Apache-2.0
// The parts of the configuration that a reload (SIGHUP) changes while madod keeps running: tokens,
// the admin group and the log level. Listener threads read them on every request.
import Foundation
import MadoServer
import MadoSystem
import Synchronization

/// Live settings, swapped as a whole on reload.
final class RuntimeSettings: Sendable {
    struct Values: Sendable {
        var tokens: [String: Set<String>]
        /// Token → the device id it was given in the config ("kiosk-1").
        var deviceIDs: [String: String]
        var adminGroupID: UInt32?
        var logLevel: LogPriority
    }

    private let current: Mutex<Values>

    init(_ values: Values) { current = Mutex(values) }

    var values: Values { current.withLock { $0 } }

    func replace(with values: Values) { current.withLock { $0 = values } }

    static func values(from config: DaemonConfiguration, log: Logger) -> Values {
        var tokens: [String: Set<String>] = [:]
        var deviceIDs: [String: String] = [:]
        for token in config.tokens {
            tokens[token.token] = token.roles
            deviceIDs[token.token] = token.id
        }
        var gid: UInt32?
        if let group = config.admin.group {
            gid = UserDatabase.groupID(named: group)
            if gid == nil {
                log.warning(
                    "admin.group \"\(group)\" does not exist; only root may use the admin socket until it is created")
            }
        }
        return Values(tokens: tokens, deviceIDs: deviceIDs, adminGroupID: gid, logLevel: config.logLevel)
    }

    /// The configured id of the device holding `token` (the caller has already been let in with it).
    func deviceID(ofToken token: String) -> String? { values.deviceIDs[token] }
}

/// Looks up LAN bearer tokens in the live settings.
struct RuntimeTokenAuthority: TokenAuthority {
    let settings: RuntimeSettings

    func roles(of token: String) -> Set<String>? {
        // Compare every configured token in full so the answer time does not reveal a matching prefix.
        var found: Set<String>?
        for (candidate, roles) in settings.values.tokens where constantTimeEqual(candidate, token) {
            found = roles
        }
        return found
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}

/// Filters by the live log level, so a reload can turn debug logging on or off.
struct LiveLevelLogHandler: LogHandler {
    let settings: RuntimeSettings
    let output: any LogHandler

    func write(_ priority: LogPriority, _ line: String) {
        guard priority <= settings.values.logLevel else { return }
        output.write(priority, line)
    }
}
