// SPDX-License-Identifier: Apache-2.0
// Database: the one owner of madod's SQLite database, opened checked, migrated and durable.

/// The embedded database. Every access runs on one serial queue (see `ConnectionOwner`), so callers
/// on any task or thread share it safely, and writes are serialized in arrival order.
///
/// Durability: the file is in WAL mode with `synchronous=FULL`, so a `write` returns only after its
/// COMMIT has been written and synced to the WAL file: what a caller acknowledges after `write`
/// returns survives a crash or power loss.
public final class Database: Sendable {
    public let path: String
    private let owner: ConnectionOwner

    private init(path: String, connection: Connection, isInMemory: Bool) {
        self.path = path
        owner = ConnectionOwner(connection: connection, path: path, isInMemory: isInMemory)
    }

    /// Opens (creating) the database at `path`, creating its directory with mode 0700 if missing.
    /// Refuses a damaged file (`PRAGMA quick_check`) and a schema newer than `migrations`, then sets
    /// WAL + synchronous=FULL and applies pending migrations, each in its own transaction.
    /// Blocks the calling thread: call it once at startup.
    public static func open(path: String, migrations: [Migration]) throws(StoreError) -> Database {
        try SchemaMigrator.validate(migrations)
        try StateDirectory.prepare(forDatabaseAt: path)
        let connection = try Connection.open(path: path)
        do throws(StoreError) {
            try prepareForUse(connection, migrations: migrations, isInMemory: false)
        } catch {
            try? connection.close()
            throw error
        }
        return Database(path: path, connection: connection, isInMemory: false)
    }

    /// A private in-memory database with the same checks and migrations, for tests.
    public static func openInMemory(migrations: [Migration]) throws(StoreError) -> Database {
        try SchemaMigrator.validate(migrations)
        let connection = try Connection.open(path: ":memory:")
        do throws(StoreError) {
            try prepareForUse(connection, migrations: migrations, isInMemory: true)
        } catch {
            try? connection.close()
            throw error
        }
        return Database(path: ":memory:", connection: connection, isInMemory: true)
    }

    /// The order matters: nothing is written (not even the switch to WAL, which rewrites the header)
    /// until the file has been found sound and not newer than this program.
    private static func prepareForUse(
        _ connection: Connection, migrations: [Migration], isInMemory: Bool
    ) throws(StoreError) {
        try IntegrityCheck.verify(connection)
        try SchemaMigrator.refuseNewer(connection, latest: migrations.last?.version ?? 0)

        let journalMode = try connection.scalar("PRAGMA journal_mode = WAL")
        if !isInMemory && journalMode != "wal" {
            throw StoreError(
                kind: .open,
                message: "cannot put database \(connection.path) in WAL mode (sqlite kept \"\(journalMode)\"); "
                    + "keep the state directory on a local filesystem")
        }
        // FULL: each COMMIT syncs the WAL, so a committed write survives power loss, not only a crash.
        try connection.execute("PRAGMA synchronous = FULL")
        // sqlite's procedure for schema changes: foreign keys off while migrating (a table rebuild
        // would otherwise cascade deletes), violations checked by the migrator before each COMMIT.
        try connection.execute("PRAGMA foreign_keys = OFF")
        try SchemaMigrator.migrate(connection, with: migrations)
        try connection.execute("PRAGMA foreign_keys = ON")
    }

    /// Runs `body` in a read transaction (a consistent snapshot) on the owner's queue. A statement that
    /// would change the database is refused. Errors thrown by `body` are rethrown as they are.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await owner.transactionAsync(.read, body)
    }

    /// Runs `body` in BEGIN IMMEDIATE … COMMIT on the owner's queue and returns once COMMIT has
    /// returned; rolls back if `body` (or COMMIT) throws. Writes run one at a time in arrival order.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await owner.transactionAsync(.write, body)
    }

    /// `read`, blocking the calling thread: for startup replay and benchmarks, never from async code
    /// on the cooperative pool, and never from inside another body (that is a programming error and traps).
    public func readSync<T>(_ body: (Connection) throws -> T) throws -> T {
        try owner.transactionSync(.read, body)
    }

    /// `write`, blocking the calling thread (see `readSync`).
    public func writeSync<T>(_ body: (Connection) throws -> T) throws -> T {
        try owner.transactionSync(.write, body)
    }

    public func status() throws(StoreError) -> StoreStatus {
        let path = self.path
        let isInMemory = owner.isInMemory
        return try owner.syncTyped { connection throws(StoreError) in
            try Self.status(of: connection, path: path, isInMemory: isInMemory)
        }
    }

    /// `status()` without blocking the calling thread while a commit has the connection: for
    /// request handlers on the cooperative pool (`/v1/status` is asked often, and a pool thread
    /// waiting on an fsync is one of only as many threads as cores).
    public func currentStatus() async throws -> StoreStatus {
        let path = self.path
        let isInMemory = owner.isInMemory
        return try await read { connection in try Self.status(of: connection, path: path, isInMemory: isInMemory) }
    }

    private static func status(
        of connection: Connection, path: String, isInMemory: Bool
    ) throws(StoreError) -> StoreStatus {
        let version = try SchemaMigrator.version(of: connection)
        let mode = try connection.scalar("PRAGMA journal_mode")
        let size: Int64
        if isInMemory {
            let pages = try connection.scalar("PRAGMA page_count")
            let pageSize = try connection.scalar("PRAGMA page_size")
            if case .integer(let count) = pages, case .integer(let bytes) = pageSize {
                size = count * bytes
            } else {
                size = 0
            }
        } else {
            size = StateDirectory.size(of: path)
        }
        let modeText: String
        if case .text(let text) = mode { modeText = text } else { modeText = "" }
        return StoreStatus(
            path: path, schemaVersion: version, journalMode: modeText, sizeBytes: size,
            walBytes: isInMemory ? 0 : StateDirectory.size(of: path + "-wal"),
            directoryMode: isInMemory ? "" : StateDirectory.mode(of: StateDirectory.parent(of: path)))
    }

    /// Copies the WAL into the main file and truncates the WAL to zero bytes. Call at clean shutdown
    /// (before `close`) so the database file alone is complete for a file-level backup.
    public func checkpoint() throws(StoreError) {
        try owner.syncTyped { connection throws(StoreError) in try connection.checkpointTruncatingWAL() }
    }

    /// Closes the connection after every queued read and write has finished. Later calls fail with
    /// `.closed`. `deinit` closes too, but only as a backstop: close explicitly to hear about failures.
    public func close() throws(StoreError) {
        try owner.close()
    }
}
