// SPDX-License-Identifier: Apache-2.0
// A log handler that keeps lines in memory, for tests that check what the daemon reports.
import Synchronization

/// Records every line it is given, in order. Safe to share between tasks.
public final class InMemoryLogHandler: LogHandler {
    private let recorded = Mutex<[(priority: LogPriority, line: String)]>([])

    public init() {}

    public func write(_ priority: LogPriority, _ line: String) {
        recorded.withLock { $0.append((priority, line)) }
    }

    /// The lines written so far, oldest first.
    public var entries: [(priority: LogPriority, line: String)] {
        recorded.withLock { $0 }
    }

    /// Just the line texts, oldest first.
    public var lines: [String] { entries.map(\.line) }
}
