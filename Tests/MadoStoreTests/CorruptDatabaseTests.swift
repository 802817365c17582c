// SPDX-License-Identifier: Apache-2.0
// Damaged files: madod must refuse to start and say to restore a backup.
import Foundation
import MadoStore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct CorruptDatabaseTests {
    @Test func aFileOfGarbageIsRefusedAsNotADatabase() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temp.path("state"), withIntermediateDirectories: false)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: temp.databasePath))

        let error = #expect(throws: StoreError.self) {
            try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("file is not a database") == true)
        #expect(error?.message.contains("restore the latest backup") == true)
        // Refused, not overwritten: the bytes are still there for whoever investigates.
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.databasePath)) == garbage)
    }

    @Test func aDatabaseWithDamagedPagesFailsItsQuickCheck() throws {
        let temp = try TemporaryDirectory()
        let database = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        try database.writeSync { connection in
            try connection.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            try connection.execute("CREATE INDEX answers_by_body ON answers(body)")
            for id in 0..<2000 {
                try connection.execute(
                    "INSERT INTO answers (id, body) VALUES (?, ?)",
                    [.integer(Int64(id)), .text(String(repeating: "answer \(id) ", count: 12))])
            }
        }
        try database.close()  // the last close checkpoints: every page is now in the main file

        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: temp.databasePath))
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 4096
        let middlePage = size / pageSize / 2
        try handle.seek(toOffset: middlePage * pageSize)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(pageSize) * 4))
        try handle.close()

        let error = #expect(throws: StoreError.self) {
            try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains(temp.databasePath) == true)
        #expect(error?.message.contains("restore the latest backup") == true)
    }
}
