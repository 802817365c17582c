// SPDX-License-Identifier: Apache-2.0
// The one error type of mado-bench: what the benchmark was doing to what, and why it could not go on.

/// A benchmark that could not be run to the end. The message names the step and the object
/// ("cannot start madod /tmp/…/madod.json: no READY=1 within 20 s"), never request bodies.
struct BenchError: Error, CustomStringConvertible {
    let message: String
    /// The last lines of madod's log, when a daemon was involved, so a failure explains itself.
    var logTail: String?

    init(_ message: String, logTail: String? = nil) {
        self.message = message
        self.logTail = logTail
    }

    var description: String {
        guard let logTail, !logTail.isEmpty else { return message }
        return message + "\nmadod log (last lines):\n" + logTail
    }
}
