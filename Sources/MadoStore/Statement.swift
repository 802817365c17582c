// SPDX-License-Identifier: Apache-2.0
// Statement: one prepared sqlite statement, finalized exactly once.
internal import CSQLite

/// A prepared statement. `~Copyable`, so it cannot be finalized twice or outlive its scope unseen:
/// `deinit` finalizes it when the owning scope ends. Only used on the database's serial queue.
struct Statement: ~Copyable {
    private let raw: OpaquePointer
    /// The SQL, kept for error messages (it holds placeholders, never bound values).
    let sql: String

    /// Takes ownership of a statement returned by `sqlite3_prepare_v2`.
    init(adopting raw: OpaquePointer, sql: String) {
        self.raw = raw
        self.sql = sql
    }

    deinit { sqlite3_finalize(raw) }

    private var database: OpaquePointer { sqlite3_db_handle(raw) }

    /// True when the statement cannot change the database file. The corresponding C function is
    /// `sqlite3_stmt_readonly`.
    var isReadOnly: Bool { sqlite3_stmt_readonly(raw) != 0 }

    /// True for PRAGMA statements, which sqlite never calls read-only even when they only read.
    var isPragma: Bool {
        sql.drop(while: { $0.isWhitespace }).prefix(6).uppercased() == "PRAGMA"
    }

    private func failure(_ code: Int32, _ action: String) -> StoreError {
        // Read right after the failed call, on the same thread: the message belongs to the last call.
        let reason = String(cString: sqlite3_errmsg(database))
        return StoreError.fromSQLite(
            code: code, reason: reason, doing: "\(action) \"\(StoreError.excerpt(sql))\" on \(databaseName)")
    }

    private var databaseName: String {
        guard let name = sqlite3_db_filename(database, "main"), name.pointee != 0 else { return ":memory:" }
        return String(cString: name)
    }

    func bind(_ values: [SQLValue]) throws(StoreError) {
        let expected = Int(sqlite3_bind_parameter_count(raw))
        guard expected == values.count else {
            throw StoreError(
                kind: .query,
                message: "statement \"\(StoreError.excerpt(sql))\" has \(expected) parameters "
                    + "but \(values.count) values were given")
        }
        let transient = unsafeBitCast(mado_sqlite_transient(), to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(raw, index)
            case .integer(let number):
                code = sqlite3_bind_int64(raw, index, number)
            case .real(let number):
                code = sqlite3_bind_double(raw, index, number)
            case .text(let text):
                // withCString never hands out a null pointer (a null pointer would bind NULL, not ""),
                // and the explicit length keeps any embedded NUL characters.
                let length = Int32(text.utf8.count)
                code = text.withCString { sqlite3_bind_text(raw, index, $0, length, transient) }
            case .blob(let bytes):
                if bytes.isEmpty {
                    // sqlite3_bind_blob with an empty buffer's null pointer would bind NULL.
                    code = sqlite3_bind_zeroblob(raw, index, 0)
                } else {
                    code = bytes.withUnsafeBytes {
                        sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), transient)
                    }
                }
            }
            guard code == SQLITE_OK else { throw failure(code, "cannot bind parameter \(index) of") }
        }
    }

    /// Advances to the next row. Returns true when a row is ready, false when the statement is done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(raw)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure(code, "cannot run")
        }
    }

    func columnLayout() -> ColumnLayout {
        let count = sqlite3_column_count(raw)
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for column in 0..<count {
            names.append(sqlite3_column_name(raw, column).map { String(cString: $0) } ?? "")
        }
        return ColumnLayout(names: names)
    }

    /// Copies the current row out of sqlite: the C buffers are only valid until the next step.
    func currentRow(_ layout: ColumnLayout) -> Row {
        var values: [SQLValue] = []
        values.reserveCapacity(layout.names.count)
        for column in 0..<Int32(layout.names.count) {
            values.append(value(at: column))
        }
        return Row(layout: layout, values: values)
    }

    private func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(raw, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(raw, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(raw, column))
        case SQLITE_TEXT:
            // column_text before column_bytes, as the sqlite docs require, so the length is of the text.
            guard let text = sqlite3_column_text(raw, column) else { return .text("") }
            let length = Int(sqlite3_column_bytes(raw, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            guard let bytes = sqlite3_column_blob(raw, column) else { return .blob([]) }
            let length = Int(sqlite3_column_bytes(raw, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default:
            return .null
        }
    }
}
