// SPDX-License-Identifier: Apache-2.0
// Where log lines go: a protocol, so tests can capture what the daemon would have written.

/// Receives finished log lines. `line` is already one line: the logger has put the label in front and
/// replaced line breaks.
public protocol LogHandler: Sendable {
    func write(_ priority: LogPriority, _ line: String)
}
