// SPDX-License-Identifier: Apache-2.0
// The one error type of MadoSystem: a failed system call, what it was done to, and the errno text.
import Glibc

/// A system call that failed, with the object it was applied to.
///
/// `description` reads like "cannot bind /run/mado/admin.sock: Address already in use", so callers can log it
/// as is. It never contains personal data: `detail` is a path, a socket name or a group name.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    /// The operation that failed, usually the C function's name: "bind", "connect", "send"...
    public let call: String
    /// The errno value the call reported (or that best describes a failure found without a call).
    public let errno: Int32
    /// What the call was applied to, e.g. the socket path.
    public let detail: String?
    /// A sentence that replaces the errno text when it explains the problem better
    /// ("exists and is not a socket; remove it or choose another path").
    public let reason: String?

    public init(call: String, errno: Int32, detail: String? = nil, reason: String? = nil) {
        self.call = call
        self.errno = errno
        self.detail = detail
        self.reason = reason
    }

    /// The errno's text as strerror gives it ("Permission denied").
    public var errnoText: String { String(cString: strerror(errno)) }

    public var description: String {
        let verb: String
        switch call {
        case "connect", "send", "sendto": verb = "\(call) to"
        default: verb = call
        }
        let object = detail.map { " \($0)" } ?? ""
        return "cannot \(verb)\(object): \(reason ?? errnoText)"
    }

    /// The error for the call that just failed. Must be called right after the call, before anything
    /// else can overwrite `errno`.
    static func last(_ call: String, _ detail: String? = nil) -> SystemError {
        SystemError(call: call, errno: Glibc.errno, detail: detail)
    }
}
