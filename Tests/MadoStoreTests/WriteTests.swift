// SPDX-License-Identifier: Apache-2.0
// Writes: durable once `write` returns, all-or-nothing, serialized, constraints enforced.
import Foundation
import MadoStore
import MadoTestThreads
import Testing

struct TicketFailure: Error, Equatable {}

@Suite(.ownThread) struct WriteTests {
    @Test func aWriteSurvivesCloseAndReopen() async throws {
        let temp = try TemporaryDirectory()
        let database = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        let id = try await database.write { connection in
            try connection.execute(
                "INSERT INTO daemon_starts (started_at, version) VALUES (?, ?)", ["2025-04-01T08:30:00+09:00", "1.0.0"])
            return connection.lastInsertRowID
        }
        try database.close()

        let reopened = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        defer { try? reopened.close() }
        let rows = try await reopened.read { try $0.query("SELECT * FROM daemon_starts WHERE id = ?", [.integer(id)]) }
        #expect(rows.count == 1)
        #expect(rows.first?.string("started_at") == "2025-04-01T08:30:00+09:00")
        #expect(rows.first?.string("version") == "1.0.0")
    }

    /// What a crash leaves on disk: the files as they are right after `write` returned, without any
    /// close or checkpoint. sqlite must recover the committed row from the copied WAL.
    @Test func aCommittedWriteIsInTheFilesBeforeAnyClose() async throws {
        let temp = try TemporaryDirectory()
        let database = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        defer { try? database.close() }
        try await database.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('last_ticket', '42')") }

        let crashed = temp.path("crashed")
        try FileManager.default.createDirectory(atPath: crashed, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: temp.databasePath, toPath: crashed + "/mado.db")
        try FileManager.default.copyItem(atPath: temp.databasePath + "-wal", toPath: crashed + "/mado.db-wal")

        let recovered = try Database.open(path: crashed + "/mado.db", migrations: MadoSchema.migrations)
        defer { try? recovered.close() }
        let value = try recovered.readSync { try $0.scalar("SELECT value FROM meta WHERE key = 'last_ticket'") }
        #expect(value == "42")
    }

    @Test func aThrowingWriteBodyRollsBackAndItsErrorComesOutAsItIs() async throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }

        await #expect(throws: TicketFailure()) {
            try await database.write { connection in
                try connection.execute("INSERT INTO meta (key, value) VALUES ('half', 'done')")
                throw TicketFailure()
            }
        }
        #expect(throws: TicketFailure()) {
            try database.writeSync { connection in
                try connection.execute("INSERT INTO meta (key, value) VALUES ('also', 'half')")
                throw TicketFailure()
            }
        }
        let count = try await database.read { try $0.scalar("SELECT count(*) FROM meta") }
        #expect(count == 0)
        // The connection is usable again afterwards: no transaction was left open.
        try await database.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('after', 'ok')") }
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM meta") } == 1)
    }

    @Test func twoHundredConcurrentWritesAllLandOneAtATime() async throws {
        let temp = try TemporaryDirectory()
        let database = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        defer { try? database.close() }
        try await database.write { try $0.execute("CREATE TABLE issued (seq INTEGER NOT NULL UNIQUE, task INTEGER)") }

        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<200 {
                group.addTask {
                    try await database.write { connection in
                        // Read-then-write: only correct if no other write runs in between.
                        guard case .integer(let next) = try connection.scalar("SELECT count(*) FROM issued") else {
                            throw TicketFailure()
                        }
                        try connection.execute("INSERT INTO issued VALUES (?, ?)", [.integer(next), SQLValue(task)])
                    }
                }
            }
            try await group.waitForAll()
        }
        let (count, distinctTasks, maxSeq) = try await database.read { connection in
            (
                try connection.scalar("SELECT count(*) FROM issued"),
                try connection.scalar("SELECT count(DISTINCT task) FROM issued"),
                try connection.scalar("SELECT max(seq) FROM issued")
            )
        }
        #expect(count == 200)
        #expect(distinctTasks == 200)
        #expect(maxSeq == 199)
    }

    @Test func aConstraintViolationIsKindConstraintAndKeepsNoValues() async throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        try await database.write {
            try $0.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ["resident", "Yamada Hanako"])
        }

        let error = await #expect(throws: StoreError.self) {
            try await database.write {
                try $0.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ["resident", "Sato Taro"])
            }
        }
        #expect(error?.kind == .constraint)
        #expect(error?.primaryCode == 19)
        #expect(error?.message.contains("UNIQUE constraint failed: meta.key") == true)
        #expect(error?.message.contains("Sato") == false)  // bound values never reach a message

        let notNull = #expect(throws: StoreError.self) {
            try database.writeSync { try $0.execute("INSERT INTO meta (key, value) VALUES ('k', NULL)") }
        }
        #expect(notNull?.kind == .constraint)
    }
}
