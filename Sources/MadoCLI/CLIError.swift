// SPDX-License-Identifier: Apache-2.0
// The one error type of madoctl, and the sysexits(3) code each failure ends the process with.

/// Everything that can make a madoctl invocation fail, with the message a technician reads.
public enum CLIError: Error, Sendable, Equatable {
    /// The command line was wrong; `command` is the command whose usage to show (nil: madoctl itself).
    case usage(String, command: String?)
    /// Nothing is listening on the admin socket (missing file, or connection refused).
    case daemonNotRunning(socketPath: String)
    /// The socket exists but this user may not connect to it; `group` owns the socket when known.
    case permissionDenied(socketPath: String, group: String?)
    /// madod did not answer in time, or the connection broke mid-answer.
    case daemonUnavailable(String)
    /// madod answered with a JSON error (`{"error":{"code","message","field"}}`) and a 4xx/5xx status.
    case api(status: Int, code: String, message: String, field: String?)
    /// madod answered something madoctl cannot read (a version mismatch or a daemon bug).
    case invalidResponse(String)
    /// A local file given on the command line could not be read or does not hold valid data.
    case badInputFile(String)
    /// A local file could not be written.
    case cannotWrite(String)

    /// The process exit status for this failure, following sysexits(3).
    public var exitCode: Int32 {
        switch self {
        case .usage: ExitCode.usage
        case .daemonNotRunning, .daemonUnavailable: ExitCode.unavailable
        case .permissionDenied: ExitCode.noPermission
        case .api(let status, _, _, _):
            // 400/409/422 mean "the data you sent does not fit". On the admin socket a 403 means the
            // peer-credential check refused this user, which is the same situation as EACCES on connect.
            // A 503 is a part of the system that cannot serve now (a printer out of paper, no queue
            // configured): unavailable, like a daemon that does not answer.
            if [400, 409, 422].contains(status) {
                ExitCode.dataError
            } else if status == 403 {
                ExitCode.noPermission
            } else if status == 503 {
                ExitCode.unavailable
            } else {
                ExitCode.failure
            }
        case .invalidResponse: ExitCode.failure
        case .badInputFile: ExitCode.dataError
        case .cannotWrite: ExitCode.cannotCreate
        }
    }

    /// The text printed on stderr (without the usage lines, which the dispatcher adds for `.usage`).
    public var message: String {
        switch self {
        case .usage(let text, _):
            return "Error: \(text)"
        case .daemonNotRunning(let path):
            return "madoctl: madod is not running at \(path)"
        case .permissionDenied(let path, let group):
            let member =
                group.map { "a member of the '\($0)' group (sudo usermod -aG \($0) $USER, then log in again)" }
                ?? "a member of the group that owns the socket"
            return "madoctl: permission denied on \(path): only root and \(member) may use madod's admin socket"
        case .daemonUnavailable(let text):
            return "madoctl: \(text)"
        case .api(let status, let code, let text, let field):
            var line = "Error: \(text)"
            if let field, !field.isEmpty { line += " (field: \(field))" }
            if status >= 500 && status != 503 {
                line += "\n  madod failed with HTTP \(status) (\(code)); this is a bug: see 'journalctl -u madod'."
            }
            return line
        case .invalidResponse(let text), .badInputFile(let text), .cannotWrite(let text):
            return "Error: \(text)"
        }
    }
}

/// Exit statuses from sysexits(3), so that scripts can tell misuse from an absent daemon.
public enum ExitCode {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 64  // EX_USAGE
    public static let dataError: Int32 = 65  // EX_DATAERR
    public static let unavailable: Int32 = 69  // EX_UNAVAILABLE
    public static let cannotCreate: Int32 = 73  // EX_CANTCREAT
    public static let noPermission: Int32 = 77  // EX_NOPERM
}
