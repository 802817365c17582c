// SPDX-License-Identifier: Apache-2.0
// Migrations: old databases move forward, failures leave them where they were, newer ones are refused.
import Foundation
import MadoStore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct MigrationTests {
    static let v1 = Migration(
        version: 1, name: "tickets",
        sql: "CREATE TABLE tickets (id INTEGER PRIMARY KEY, number INTEGER NOT NULL UNIQUE);")
    static let v2 = Migration(
        version: 2, name: "ticket counters",
        sql: """
            ALTER TABLE tickets ADD COLUMN counter TEXT;
            CREATE INDEX tickets_by_counter ON tickets(counter);
            """)

    @Test func anOldDatabaseIsMigratedAndKeepsItsRows() throws {
        let temp = try TemporaryDirectory()
        let old = try Database.open(path: temp.databasePath, migrations: [Self.v1])
        try old.writeSync { try $0.execute("INSERT INTO tickets (number) VALUES (?)", [101]) }
        try old.close()

        let database = try Database.open(path: temp.databasePath, migrations: [Self.v1, Self.v2])
        defer { try? database.close() }
        let (version, rows) = try database.readSync { connection in
            (
                try connection.scalar("PRAGMA user_version"),
                try connection.query("SELECT number, counter FROM tickets")
            )
        }
        #expect(version == 2)
        #expect(rows.count == 1)
        #expect(rows.first?.int("number") == 101)
        #expect(rows.first?.hasColumn("counter") == true)
        #expect(rows.first?["counter"] == .null)
        #expect(try database.status().schemaVersion == 2)
    }

    @Test func aFailingMigrationLeavesTheDatabaseAtTheOldVersion() throws {
        let temp = try TemporaryDirectory()
        try Database.open(path: temp.databasePath, migrations: [Self.v1]).close()

        let broken = Migration(
            version: 2, name: "broken step",
            sql: """
                CREATE TABLE counters (name TEXT PRIMARY KEY);
                INSERT INTO no_such_table VALUES (1);
                """)
        let error = #expect(throws: StoreError.self) {
            try Database.open(path: temp.databasePath, migrations: [Self.v1, broken])
        }
        #expect(error?.kind == .migration)
        #expect(error?.message.contains("schema version 2 (broken step)") == true)
        #expect(error?.message.contains("no such table: no_such_table") == true)
        #expect(error?.message.contains("stays at schema version 1") == true)

        let database = try Database.open(path: temp.databasePath, migrations: [Self.v1])
        defer { try? database.close() }
        let (version, counters) = try database.readSync { connection in
            (
                try connection.scalar("PRAGMA user_version"),
                try connection.query("SELECT name FROM sqlite_schema WHERE name = 'counters'")
            )
        }
        #expect(version == 1)
        #expect(counters.isEmpty)  // the table made before the failure was rolled back with it
    }

    @Test func aMigrationBreakingForeignKeysIsRolledBack() throws {
        let parents = Migration(
            version: 1, name: "parents",
            sql: """
                CREATE TABLE exams (id INTEGER PRIMARY KEY);
                CREATE TABLE sheets (id INTEGER PRIMARY KEY, exam_id INTEGER NOT NULL REFERENCES exams(id));
                """)
        let orphan = Migration(version: 2, name: "orphan sheet", sql: "INSERT INTO sheets VALUES (1, 99);")
        let error = #expect(throws: StoreError.self) {
            try Database.openInMemory(migrations: [parents, orphan])
        }
        #expect(error?.kind == .migration)
        #expect(error?.message.contains("foreign keys in sheets") == true)
    }

    @Test func aNewerDatabaseIsRefusedNamingBothVersions() throws {
        let temp = try TemporaryDirectory()
        try Database.open(path: temp.databasePath, migrations: [Self.v1, Self.v2]).close()

        let error = #expect(throws: StoreError.self) {
            try Database.open(path: temp.databasePath, migrations: [Self.v1])
        }
        #expect(error?.kind == .tooNew)
        #expect(error?.message.contains("schema version 2, newer than this madod (1)") == true)
        #expect(error?.message.contains("install a newer madod or restore a backup") == true)
    }

    @Test func aMigrationListWithAGapIsRefused() {
        let skipped = Migration(version: 3, name: "skipped", sql: "SELECT 1;")
        let error = #expect(throws: StoreError.self) {
            try Database.openInMemory(migrations: [Self.v1, skipped])
        }
        #expect(error?.kind == .migration)
    }
}
