// SPDX-License-Identifier: Apache-2.0
// Exam definitions and foreign layouts survive a reopen, replace by id, and list in id order.
import Foundation
import MadoStore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ExamTableTests {
    @Test func storedExamsSurviveReopeningTheDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("mado.db").path
        let first = try Database.open(path: path, migrations: MadoSchema.migrations)
        let when = Date(timeIntervalSince1970: 1_790_000_000)
        let replaced = try first.writeSync { connection in
            try ExamTable.store(
                StoredDocument(id: "sci-1", json: #"{"id":"sci-1","v":1}"#, updatedAt: when), kind: .exam,
                connection: connection)
            return try ExamTable.store(
                StoredDocument(id: "sci-1", json: #"{"id":"sci-1","v":2}"#, updatedAt: when), kind: .exam,
                connection: connection)
        }
        #expect(replaced)
        try first.close()

        let second = try Database.open(path: path, migrations: MadoSchema.migrations)
        let (exam, layouts) = try second.readSync { connection in
            (
                try ExamTable.load("sci-1", kind: .exam, connection: connection),
                try ExamTable.all(kind: .layout, connection: connection)
            )
        }
        #expect(exam?.json == #"{"id":"sci-1","v":2}"#)
        #expect(exam?.updatedAt == when)
        #expect(layouts.isEmpty, "an exam is not a layout")
    }

    @Test func layoutsListInIdOrderAndDelete() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        let ids = try database.writeSync { connection in
            for id in ["vendor-b", "vendor-a"] {
                try ExamTable.store(
                    StoredDocument(id: id, json: "{}", updatedAt: Date()), kind: .layout, connection: connection)
            }
            #expect(try ExamTable.delete("vendor-b", kind: .layout, connection: connection))
            #expect(!(try ExamTable.delete("vendor-b", kind: .layout, connection: connection)))
            return try ExamTable.all(kind: .layout, connection: connection).map(\.id)
        }
        #expect(ids == ["vendor-a"])
    }
}
