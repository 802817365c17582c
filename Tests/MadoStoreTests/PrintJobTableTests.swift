// SPDX-License-Identifier: Apache-2.0
// The durable print-job table: a bundle goes in whole or not at all, survives a reopen, and is purged.
import Foundation
import MadoStore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct PrintJobTableTests {
    /// A binary fraction of a second, so the stored milliseconds round-trip exactly.
    static let t0 = Date(timeIntervalSince1970: 1_796_000_000.125)

    static func job(_ id: String, bundle: String = "b1", form: String = "resident-move", at offset: Double = 0)
        -> PrintJobRecord
    {
        PrintJobRecord(
            id: id, bundleID: bundle, formID: form, formTitle: "住民異動届", documentPath: "/state/spool/\(id).pdf",
            printer: "counter-a4", createdAt: t0.addingTimeInterval(offset))
    }

    @Test func aBundleIsStoredWholeOrNotAtAll() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        // The second form reuses the first one's id: the write fails and the first row must not remain.
        #expect(throws: StoreError.self) {
            try database.writeSync { connection in
                try PrintJobTable.insert([Self.job("a"), Self.job("a", form: "nhi-enrollment")], into: connection)
            }
        }
        #expect(try database.readSync { try PrintJobTable.all(in: $0) }.isEmpty)

        try database.writeSync { connection in
            try PrintJobTable.insert(
                [Self.job("a"), Self.job("b", form: "nhi-enrollment", at: 0.001), Self.job("c", bundle: "b2", at: 1)],
                into: connection)
        }
        let bundle = try database.readSync { try PrintJobTable.jobs(bundleID: "b1", in: $0) }
        #expect(bundle.map(\.id) == ["a", "b"])
        #expect(bundle.map(\.cupsJobName) == ["mado-a", "mado-b"])
    }

    @Test func aJobsProgressRoundTripsExactlyAndSurvivesAReopen() throws {
        let temp = try TemporaryDirectory()
        var database = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        try database.writeSync { try PrintJobTable.insert([Self.job("a"), Self.job("b", at: 1)], into: $0) }

        var held = Self.job("a")
        held.state = .held
        held.cupsJobID = 17
        held.attempts = 1
        held.printerStateReasons = ["media-empty", "media-needed"]
        held.message = "counter-a4: media-empty"
        held.updatedAt = Self.t0.addingTimeInterval(5.25)
        #expect(try database.writeSync { try PrintJobTable.update(held, in: $0) })
        var missing = Self.job("zz")
        missing.state = .completed
        #expect(try database.writeSync { try PrintJobTable.update(missing, in: $0) } == false)
        try database.close()

        database = try Database.open(path: temp.databasePath, migrations: MadoSchema.migrations)
        defer { try? database.close() }
        let stored = try database.readSync { try PrintJobTable.job(id: "a", in: $0) }
        #expect(stored == held)
        let unfinished = try database.readSync { try PrintJobTable.unfinished(in: $0) }
        #expect(unfinished.map(\.id) == ["a", "b"])
        #expect(unfinished.map(\.state) == [.held, .queued])
    }

    @Test func purgeRemovesOnlyFinishedJobsOlderThanTheCutoff() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        var rows: [PrintJobRecord] = []
        for (index, state) in PrintJobState.allCases.enumerated() {
            var row = Self.job("j\(index)", at: Double(index))
            row.state = state
            rows.append(row)
        }
        var recent = Self.job("recent", at: 100)
        recent.state = .completed
        rows.append(recent)
        try database.writeSync { try PrintJobTable.insert(rows, into: $0) }

        let removed = try database.writeSync {
            try PrintJobTable.purge(finishedBefore: Self.t0.addingTimeInterval(50), in: $0)
        }
        #expect(removed == 3)  // completed, failed, cancelled; not queued/submitted/held, not the recent one
        let left = try database.readSync { try PrintJobTable.all(in: $0) }
        #expect(Set(left.map(\.state)) == [.queued, .submitted, .held, .completed])
        #expect(left.contains { $0.id == "recent" })
    }

    @Test func theTableRefusesAStateOutsideTheLifeCycle() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        try database.writeSync { try PrintJobTable.insert([Self.job("a")], into: $0) }
        #expect(throws: StoreError.self) {
            try database.writeSync { try $0.execute("UPDATE print_jobs SET state = 'printed' WHERE id = 'a'") }
        }
    }
}
