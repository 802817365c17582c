// SPDX-License-Identifier: Apache-2.0
// StoreError: the one error type of MadoStore, with a kind that callers branch on.

/// A failure of the embedded database. `message` says what was being done to which file and why,
/// and for the kinds a technician must act on (corrupt, tooNew, busy) what to do next.
/// Bound values never appear in a message: only SQL text (which holds placeholders) and sqlite's own
/// wording, which names tables and columns but not the data in them.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The file or its directory could not be opened or created.
        case open
        /// The file is not a database, or `PRAGMA quick_check` found damage.
        case corrupt
        /// The database was written by a newer program (its `user_version` is above the latest migration).
        case tooNew
        /// A migration failed; the database stays at the last version that applied.
        case migration
        /// A statement failed for any other reason (syntax, missing table, misuse).
        case query
        /// A UNIQUE, NOT NULL, CHECK or FOREIGN KEY constraint refused a change.
        case constraint
        /// Another process held a lock longer than the busy timeout.
        case busy
        /// The database was closed before the call.
        case closed
    }

    public let kind: Kind
    /// The extended sqlite result code (2067 is a UNIQUE violation, 787 a FOREIGN KEY one); 0 when the
    /// failure did not come from sqlite.
    public let code: Int32
    public let message: String
    /// sqlite's own words for the failure, without our context: lets the migrator and the integrity
    /// check rephrase an error without repeating the path and SQL.
    let reason: String

    public init(kind: Kind, code: Int32 = 0, message: String) {
        self.init(kind: kind, code: code, message: message, reason: message)
    }

    init(kind: Kind, code: Int32, message: String, reason: String) {
        self.kind = kind
        self.code = code
        self.message = message
        self.reason = reason
    }

    public var description: String { message }

    /// The primary sqlite result code (19 for every constraint violation, 5 for busy).
    public var primaryCode: Int32 { code & 0xFF }
}

extension StoreError {
    /// What a technician should do about a damaged database file.
    static let corruptAdvice =
        "stop madod, move the file (and its -wal and -shm files) aside and restore the latest backup; "
        + "madod will not start on a damaged database"

    /// Classifies a failed sqlite call. `reason` is sqlite's own message, read right after the call.
    static func fromSQLite(code: Int32, reason: String, doing action: String) -> StoreError {
        let primary = code & 0xFF
        let detail = "\(action): \(reason) (sqlite code \(code))"
        let reasonWithCode = "\(reason) (sqlite code \(code))"
        switch primary {
        case 19:  // SQLITE_CONSTRAINT
            return StoreError(kind: .constraint, code: code, message: detail, reason: reasonWithCode)
        case 5, 6:  // SQLITE_BUSY, SQLITE_LOCKED
            return StoreError(
                kind: .busy, code: code,
                message: detail + "; another process holds a lock on the database (a second madod, "
                    + "or an open sqlite3 shell?)",
                reason: reasonWithCode)
        case 11, 26:  // SQLITE_CORRUPT, SQLITE_NOTADB
            return StoreError(
                kind: .corrupt, code: code, message: detail + "; " + corruptAdvice, reason: reasonWithCode)
        default:
            return StoreError(kind: .query, code: code, message: detail, reason: reasonWithCode)
        }
    }

    /// A short, single-line excerpt of SQL for messages: enough to find the statement in the source.
    static func excerpt(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        return line.count <= 80 ? line : String(line.prefix(79)) + "…"
    }
}
