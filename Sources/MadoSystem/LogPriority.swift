// SPDX-License-Identifier: Apache-2.0
// Syslog priorities, the numbers journald reads from a "<N>" line prefix.

/// How important a log line is. Lower raw values are more severe, as in syslog: `.error < .info`.
public enum LogPriority: Int32, Sendable, Comparable, CaseIterable {
    case emergency = 0
    case alert
    case critical
    case error
    case warning
    case notice
    case info
    case debug

    /// Reads a priority name from a config file or command line: "error", "warning", "notice", "info",
    /// "debug" (and the rarer "emergency", "alert", "critical", plus syslog's short forms "emerg", "crit",
    /// "err", "warn"). Case does not matter.
    public init?(name: String) {
        switch name.lowercased() {
        case "emergency", "emerg": self = .emergency
        case "alert": self = .alert
        case "critical", "crit": self = .critical
        case "error", "err": self = .error
        case "warning", "warn": self = .warning
        case "notice": self = .notice
        case "info": self = .info
        case "debug": self = .debug
        default: return nil
        }
    }

    /// The lower-case name `init(name:)` accepts.
    public var name: String {
        switch self {
        case .emergency: "emergency"
        case .alert: "alert"
        case .critical: "critical"
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    public static func < (lhs: LogPriority, rhs: LogPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
