// SPDX-License-Identifier: Apache-2.0
// Exam definitions and foreign sheet layouts, kept as the JSON they were accepted as, so a restart
// prints and reads exactly the sheets it printed before. They hold no student data.
public import Foundation

/// One stored document: an exam definition or a foreign layout, by id.
public struct StoredDocument: Sendable, Equatable {
    public let id: String
    /// The JSON as accepted (already validated by the caller).
    public let json: String
    public let updatedAt: Date

    public init(id: String, json: String, updatedAt: Date) {
        self.id = id
        self.json = json
        self.updatedAt = updatedAt
    }
}

/// Reads and writes `exams` and `sheet_layouts` inside the caller's read or write body.
public enum ExamTable {
    public enum Kind: String, Sendable {
        case exam = "exams"
        case layout = "sheet_layouts"
    }

    /// Stores (or replaces) a document; answers whether one with that id existed before.
    @discardableResult
    public static func store(
        _ document: StoredDocument, kind: Kind, connection: Connection
    ) throws(StoreError) -> Bool {
        let existed = try load(document.id, kind: kind, connection: connection) != nil
        try connection.execute(
            "INSERT OR REPLACE INTO \(kind.rawValue) (id, json, updated_at) VALUES (?, ?, ?)",
            [.text(document.id), .text(document.json), .real(document.updatedAt.timeIntervalSince1970)])
        return existed
    }

    public static func load(_ id: String, kind: Kind, connection: Connection) throws(StoreError) -> StoredDocument? {
        try connection.query(
            "SELECT id, json, updated_at FROM \(kind.rawValue) WHERE id = ?", [.text(id)]
        ).first.flatMap(document)
    }

    /// Every document of a kind, by id.
    public static func all(kind: Kind, connection: Connection) throws(StoreError) -> [StoredDocument] {
        try connection.query("SELECT id, json, updated_at FROM \(kind.rawValue) ORDER BY id", []).compactMap(document)
    }

    /// Removes a document; answers whether there was one.
    @discardableResult
    public static func delete(_ id: String, kind: Kind, connection: Connection) throws(StoreError) -> Bool {
        let existed = try load(id, kind: kind, connection: connection) != nil
        try connection.execute("DELETE FROM \(kind.rawValue) WHERE id = ?", [.text(id)])
        return existed
    }

    private static func document(_ row: Row) -> StoredDocument? {
        guard let id = row.string("id"), let json = row.string("json") else { return nil }
        return StoredDocument(id: id, json: json, updatedAt: Date(timeIntervalSince1970: row.double("updated_at") ?? 0))
    }

    /// The migration that creates both tables.
    public static let migrationSQL = """
        CREATE TABLE exams (
            id TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            updated_at REAL NOT NULL
        ) STRICT;
        CREATE TABLE sheet_layouts (
            id TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            updated_at REAL NOT NULL
        ) STRICT;
        """
}
