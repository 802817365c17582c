// SPDX-License-Identifier: Apache-2.0
// Connection: the sqlite3 handle, as lent to the body of a read or write on the owner's queue.
internal import CSQLite

/// The database connection as seen by a `read` or `write` body. It runs on the database's serial
/// queue and must not escape the body (it is deliberately not `Sendable`). Every statement is prepared,
/// run and finalized inside one call, so nothing is left open between bodies.
public final class Connection {
    /// nil once closed; every call then fails with `.closed`.
    private var handle: OpaquePointer?
    let path: String
    /// Set while a `read` body runs: a statement that would change the file is refused, so a change
    /// cannot slip in outside the write transaction that makes it durable before the caller is answered.
    private(set) var isReadOnlyScope = false

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    /// Backstop only: `Database.close()` closes explicitly. No transaction can be open here (every
    /// body's transaction ends before its queue block returns), so nothing committed is lost.
    deinit { if let handle { sqlite3_close_v2(handle) } }

    /// Opens or creates the file. Multi-thread mode (NOMUTEX): sqlite's own mutexes are not needed
    /// because only the owner's serial queue ever touches the connection.
    static func open(path: String) throws(StoreError) -> Connection {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let opened = handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError(
                kind: .open, code: code,
                message: "cannot open database \(path): \(reason) (sqlite code \(code)); check that the "
                    + "directory exists and is writable by the user madod runs as")
        }
        sqlite3_extended_result_codes(opened, 1)
        mado_sqlite_disable_double_quoted_strings(opened)
        _ = mado_sqlite_enable_defensive(opened)
        // One process owns the file; the timeout only covers an sqlite3 shell or a backup tool
        // holding a lock for a moment.
        sqlite3_busy_timeout(opened, 5000)
        return Connection(handle: opened, path: path)
    }

    /// Closes the handle. Fails (and stays open) only if a statement is unfinalized, which the
    /// `~Copyable` statements rule out. The corresponding C function is `sqlite3_close`.
    func close() throws(StoreError) {
        guard let handle else { return }
        let code = sqlite3_close(handle)
        guard code == SQLITE_OK else {
            let reason = String(cString: sqlite3_errmsg(handle))
            throw StoreError(
                kind: .query, code: code, message: "cannot close database \(path): \(reason) (sqlite code \(code))")
        }
        self.handle = nil
    }

    var isOpen: Bool { handle != nil }

    private func openHandle() throws(StoreError) -> OpaquePointer {
        guard let handle else { throw StoreError.closed(path) }
        return handle
    }

    // MARK: - Statements

    /// Runs one statement, discarding any rows it returns. SQL with a second statement is refused:
    /// use `executeScript` for that.
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws(StoreError) {
        let statement = try prepareSingle(sql)
        try statement.bind(bindings)
        while try statement.step() {}
    }

    /// Runs every statement in `sql` in order (no bindings). Stops at the first failure; statements
    /// before it have run (wrap the call in a write to make it all-or-nothing).
    public func executeScript(_ sql: String) throws(StoreError) {
        let handle = try openHandle()
        let source = sql.utf8CString
        var offset = 0
        while offset < source.count - 1 {
            let outcome = Self.prepareNext(handle, source, from: offset)
            guard outcome.code == SQLITE_OK else {
                throw failure(
                    outcome, sql: source.withUnsafeBufferPointer { String(cString: $0.baseAddress! + offset) })
            }
            offset += outcome.consumed
            guard let raw = outcome.raw else { break }  // only whitespace or comments were left
            let statement = Statement(adopting: raw, sql: Self.text(of: raw) ?? sql)
            try checkScope(statement)
            while try statement.step() {}
            if outcome.consumed == 0 { break }
        }
    }

    /// Runs a query and collects its rows. For large results use `forEachRow`.
    public func query(_ sql: String, _ bindings: [SQLValue] = []) throws(StoreError) -> [Row] {
        let statement = try prepareSingle(sql)
        try statement.bind(bindings)
        let layout = statement.columnLayout()
        var rows: [Row] = []
        while try statement.step() { rows.append(statement.currentRow(layout)) }
        return rows
    }

    /// The first column of the first row, or `.null` when there is no row (`SELECT count(*) …`).
    public func scalar(_ sql: String, _ bindings: [SQLValue] = []) throws(StoreError) -> SQLValue {
        let statement = try prepareSingle(sql)
        try statement.bind(bindings)
        let layout = statement.columnLayout()
        guard try statement.step(), !layout.names.isEmpty else { return .null }
        return statement.currentRow(layout)[0]
    }

    /// Streams rows to `body` one at a time, for replays too big to hold in memory. An error thrown
    /// by `body` stops the loop and is rethrown as it is.
    public func forEachRow(_ sql: String, _ bindings: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let statement = try prepareSingle(sql)
        try statement.bind(bindings)
        let layout = statement.columnLayout()
        while try statement.step() { try body(statement.currentRow(layout)) }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    // MARK: - Transactions (used by Database and the migrator)

    /// True while a transaction is open. The corresponding C function is `sqlite3_get_autocommit`.
    var isInTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }

    /// Refuses changes until `leaveReadOnlyScope`. Two guards: statements sqlite calls writers are
    /// refused by name before they run (`checkScope`), and `query_only` makes the engine itself refuse
    /// anything else that would write, such as `PRAGMA user_version = 9` (a PRAGMA that only reads,
    /// like `PRAGMA journal_mode`, is not "read-only" to `sqlite3_stmt_readonly`, so it skips the first).
    func enterReadOnlyScope() throws(StoreError) {
        try execute("PRAGMA query_only = 1")
        isReadOnlyScope = true
    }

    func leaveReadOnlyScope() {
        guard isReadOnlyScope else { return }
        isReadOnlyScope = false
        try? execute("PRAGMA query_only = 0")
    }

    /// Rolls back if a transaction is still open. sqlite may already have rolled back by itself (after
    /// SQLITE_FULL or an I/O error), and the failure that brought us here is the one worth reporting.
    func rollbackIfOpen() {
        guard isInTransaction else { return }
        try? execute("ROLLBACK")
    }

    /// Copies every WAL frame into the database file and truncates the WAL to zero bytes. The
    /// corresponding C function is `sqlite3_wal_checkpoint_v2` with `SQLITE_CHECKPOINT_TRUNCATE`.
    func checkpointTruncatingWAL() throws(StoreError) {
        let handle = try openHandle()
        var walFrames: Int32 = 0
        var copiedFrames: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, &walFrames, &copiedFrames)
        guard code == SQLITE_OK else {
            let reason = String(cString: sqlite3_errmsg(handle))
            throw StoreError.fromSQLite(code: code, reason: reason, doing: "cannot checkpoint the WAL of \(path)")
        }
    }

    // MARK: - Preparing

    private struct PrepareOutcome {
        let code: Int32
        let raw: OpaquePointer?
        /// Bytes of the source used by this statement (and the whitespace before it).
        let consumed: Int
        let reason: String
    }

    private static func prepareNext(
        _ handle: OpaquePointer, _ source: ContiguousArray<CChar>, from offset: Int
    ) -> PrepareOutcome {
        source.withUnsafeBufferPointer { buffer in
            let start = buffer.baseAddress! + offset
            var raw: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(handle, start, Int32(buffer.count - offset), &raw, &tail)
            // Read at once: the next sqlite call on this handle replaces the message.
            let reason = code == SQLITE_OK ? "" : String(cString: sqlite3_errmsg(handle))
            let consumed = tail.map { $0 - start } ?? (buffer.count - 1 - offset)
            return PrepareOutcome(code: code, raw: raw, consumed: consumed, reason: reason)
        }
    }

    private static func text(of raw: OpaquePointer) -> String? {
        sqlite3_sql(raw).map { String(cString: $0) }
    }

    private func failure(_ outcome: PrepareOutcome, sql: String) -> StoreError {
        StoreError.fromSQLite(
            code: outcome.code, reason: outcome.reason,
            doing: "cannot prepare \"\(StoreError.excerpt(sql))\" on \(path)")
    }

    /// Prepares exactly one statement, refusing empty SQL and SQL with a second statement after it.
    private func prepareSingle(_ sql: String) throws(StoreError) -> Statement {
        let handle = try openHandle()
        let source = sql.utf8CString
        let first = Self.prepareNext(handle, source, from: 0)
        guard first.code == SQLITE_OK else { throw failure(first, sql: sql) }
        guard let raw = first.raw else {
            throw StoreError(kind: .query, message: "cannot run an empty statement on \(path)")
        }
        let statement = Statement(adopting: raw, sql: sql)
        let rest = Self.prepareNext(handle, source, from: first.consumed)
        if let extra = rest.raw { sqlite3_finalize(extra) }
        guard rest.code == SQLITE_OK, rest.raw == nil else {
            throw StoreError(
                kind: .query,
                message: "\"\(StoreError.excerpt(sql))\" holds more than one statement; use executeScript "
                    + "(which takes no bindings) or run them one by one")
        }
        try checkScope(statement)
        return statement
    }

    private func checkScope(_ statement: borrowing Statement) throws(StoreError) {
        guard isReadOnlyScope, !statement.isReadOnly, !statement.isPragma else { return }
        throw StoreError(
            kind: .query,
            message: "a read tried to change the database with \"\(StoreError.excerpt(statement.sql))\"; "
                + "changes must go through write so they are committed before the caller is answered")
    }
}

extension StoreError {
    static func closed(_ path: String) -> StoreError {
        StoreError(kind: .closed, message: "database \(path) is closed (madod is shutting down)")
    }
}
