// SPDX-License-Identifier: Apache-2.0
// A labelled, filtered logger: one event becomes exactly one line.

/// Formats and filters log events, then hands one line per event to a `LogHandler`.
///
/// The line is `"<label>: <message>"`. Line breaks in the message are replaced by a visible `\n` so a
/// multi-line message (say, a libcups error) stays one journal entry and cannot forge a second one.
/// Messages are autoclosures: a filtered-out `debug` line costs nothing to build.
public struct Logger: Sendable {
    public let label: String
    public let handler: any LogHandler
    /// The least important priority still written: with `.info`, `debug` lines are dropped.
    public var minimumPriority: LogPriority

    public init(
        label: String, handler: any LogHandler = StandardErrorLogHandler(), minimumPriority: LogPriority = .info
    ) {
        self.label = label
        self.handler = handler
        self.minimumPriority = minimumPriority
    }

    /// Whether a line of `priority` would be written.
    public func isEnabled(_ priority: LogPriority) -> Bool { priority <= minimumPriority }

    public func log(_ priority: LogPriority, _ message: @autoclosure () -> String) {
        guard isEnabled(priority) else { return }
        handler.write(priority, Logger.singleLine("\(label): \(message())"))
    }

    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func notice(_ message: @autoclosure () -> String) { log(.notice, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }

    /// Replaces CR, LF and CRLF with a literal `\n`, and other control characters (except tab) with `?`.
    static func singleLine(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR:
                continue
            case "\r", "\n":
                result.append(contentsOf: "\\n".unicodeScalars)
            case "\t":
                result.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result.append("?")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
