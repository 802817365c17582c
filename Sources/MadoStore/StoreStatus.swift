// SPDX-License-Identifier: Apache-2.0
// StoreStatus: what `madoctl status` shows about the database.

/// A snapshot of the database for status pages and `madoctl status`.
public struct StoreStatus: Sendable, Codable, Equatable {
    public let path: String
    public let schemaVersion: Int
    /// "wal" for a file database ("memory" for the in-memory databases of tests).
    public let journalMode: String
    /// Size of the main database file.
    public let sizeBytes: Int64
    /// Size of the -wal file: commits not yet checkpointed into the main file. It grows between
    /// checkpoints and is truncated to 0 by `checkpoint()` at clean shutdown.
    public let walBytes: Int64
    /// Permission bits of the state directory in octal, "0700" when private; "" for in-memory databases.
    public let directoryMode: String

    public init(
        path: String, schemaVersion: Int, journalMode: String, sizeBytes: Int64, walBytes: Int64,
        directoryMode: String
    ) {
        self.path = path
        self.schemaVersion = schemaVersion
        self.journalMode = journalMode
        self.sizeBytes = sizeBytes
        self.walBytes = walBytes
        self.directoryMode = directoryMode
    }
}
