// SPDX-License-Identifier: Apache-2.0
// Connection: values round-trip exactly, misuse is refused with a clear message.
import MadoStore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ConnectionTests {
    static let table = Migration(
        version: 1, name: "samples", sql: "CREATE TABLE samples (id INTEGER PRIMARY KEY, value ANY) STRICT;")

    @Test(arguments: [
        SQLValue.null, .integer(Int64.max), .integer(-1), .real(0.1), .text(""), .text("山田 花子\u{0}後"),
        .text("🎌 窓口"), .blob([]), .blob([0, 255, 1]),
    ])
    func valuesRoundTripExactly(_ value: SQLValue) throws {
        let database = try Database.openInMemory(migrations: [Self.table])
        defer { try? database.close() }
        let stored = try database.writeSync { connection in
            try connection.execute("INSERT INTO samples (value) VALUES (?)", [value])
            return try connection.scalar(
                "SELECT value FROM samples WHERE id = ?", [.integer(connection.lastInsertRowID)])
        }
        #expect(stored == value)
    }

    @Test func rowsAreReadByColumnNameWithTypedAccessors() throws {
        let database = try Database.openInMemory(migrations: [])
        defer { try? database.close() }
        let row = try database.readSync { connection in
            try connection.query("SELECT 7 AS n, 2.5 AS x, 'あ' AS s, x'0102' AS b, NULL AS z, 1 AS flag")[0]
        }
        #expect(row.int("n") == 7)
        #expect(row.int64("n") == 7)
        #expect(row.double("x") == 2.5)
        #expect(row.double("n") == 7)
        #expect(row.string("s") == "あ")
        #expect(row.blob("b") == [1, 2])
        #expect(row.string("z") == nil)
        #expect(row.bool("flag") == true)
        #expect(row.int("s") == nil)
        #expect(row["missing"] == .null)
        #expect(!row.hasColumn("missing"))
        #expect(row[0] == 7)
        #expect(row.columnNames == ["n", "x", "s", "b", "z", "flag"])
    }

    @Test func forEachRowStreamsInOrderAndStopsOnABodyError() throws {
        let database = try Database.openInMemory(migrations: [Self.table])
        defer { try? database.close() }
        try database.writeSync { connection in
            try connection.executeScript(
                """
                INSERT INTO samples (value) VALUES (10);
                INSERT INTO samples (value) VALUES (20); -- a comment between statements
                INSERT INTO samples (value) VALUES (30);
                """)
        }
        var seen: [Int] = []
        try database.readSync { connection in
            try connection.forEachRow("SELECT value FROM samples WHERE value > ? ORDER BY id", [5]) { row in
                seen.append(row.int("value") ?? -1)
            }
        }
        #expect(seen == [10, 20, 30])

        var visited = 0
        #expect(throws: TicketFailure()) {
            try database.readSync { connection in
                try connection.forEachRow("SELECT value FROM samples ORDER BY id") { _ in
                    visited += 1
                    if visited == 2 { throw TicketFailure() }
                }
            }
        }
        #expect(visited == 2)
    }

    @Test func aReadCannotChangeTheDatabase() async throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        let error = await #expect(throws: StoreError.self) {
            try await database.read { try $0.execute("INSERT INTO meta VALUES ('k', 'v')") }
        }
        #expect(error?.kind == .query)
        #expect(error?.message.contains("must go through write") == true)
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM meta") } == 0)

        let pragmaWrite = await #expect(throws: StoreError.self) {
            try await database.read { try $0.execute("PRAGMA user_version = 9") }
        }
        #expect(pragmaWrite?.primaryCode == 8)  // SQLITE_READONLY, from query_only
        // The scope ends with the read: writes work again, and the schema version is unchanged.
        try await database.write { try $0.execute("INSERT INTO meta VALUES ('k', 'v')") }
        #expect(try database.status().schemaVersion == MadoSchema.latestVersion)
    }

    @Test func misuseIsReportedNotIgnored() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        try database.writeSync { connection in
            let twoStatements = #expect(throws: StoreError.self) {
                try connection.execute("INSERT INTO meta VALUES ('a', 'b'); INSERT INTO meta VALUES ('c', 'd')")
            }
            #expect(twoStatements?.message.contains("more than one statement") == true)

            let wrongCount = #expect(throws: StoreError.self) {
                try connection.execute("INSERT INTO meta VALUES (?, ?)", ["only one"])
            }
            #expect(wrongCount?.message.contains("has 2 parameters but 1 values were given") == true)

            let typo = #expect(throws: StoreError.self) {
                try connection.query("SELECT \"vlaue\" FROM meta")  // double quotes are identifiers only
            }
            #expect(typo?.kind == .query)
            #expect(typo?.message.contains("no such column: vlaue") == true)
        }
        let endedEarly = #expect(throws: StoreError.self) {
            try database.writeSync { try $0.execute("COMMIT") }
        }
        #expect(endedEarly?.message.contains("ended its transaction itself") == true)
    }
}
