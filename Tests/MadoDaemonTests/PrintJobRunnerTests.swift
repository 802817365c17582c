// SPDX-License-Identifier: Apache-2.0
// PrintJobRunner through a real private cupsd and virtual printer: a bundle is durable before it is
// acknowledged, each form comes out exactly once across paper-out, a stopped queue and a restart, and the
// spooled PDF (the resident's data) is deleted once printed.
import Foundation
import MadoDaemon
import MadoDevices
import MadoStore
import MadoTestSupport
import MadoTestThreads
import Synchronization
import Testing

/// Serialized: each test runs its own cupsd and printer.
@Suite(.serialized, .ownThread) struct PrintJobRunnerTests {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let testPage = "/usr/share/cups/data/default-testpage.pdf"
    /// In CI the tests always run, so a missing cupsd or ippeveprinter fails there instead of passing silently.
    static let peerIsAvailable: Bool = {
        if isCI { return true }
        guard let reason = CUPSPeer.unavailableReason else { return true }
        print("PrintJobRunnerTests: skipped, the private CUPS cannot run here: \(reason)")
        return false
    }()

    /// Every job the runner reported, in order.
    final class Changes: Sendable {
        private let seen = Mutex<[PrintJobRecord]>([])
        func add(_ job: PrintJobRecord) { seen.withLock { $0.append(job) } }
        var all: [PrintJobRecord] { seen.withLock { $0 } }
        func states(of id: String) -> [PrintJobState] {
            all.filter { $0.id == id }.map(\.state).reduce(into: []) { if $0.last != $1 { $0.append($1) } }
        }
    }

    /// One test's state directory, database and peer.
    final class Fixture: @unchecked Sendable {
        // @unchecked: used by one test at a time; the members are immutable after init.
        let peer: CUPSPeer
        let stateDirectory: String
        let database: Database
        let client: CUPSClient

        init() throws {
            peer = try CUPSPeer()
            stateDirectory = NSTemporaryDirectory() + "mado-print-\(UUID().uuidString.prefix(8))"
            database = try Database.open(path: stateDirectory + "/mado.db", migrations: MadoSchema.migrations)
            client = CUPSClient(server: try CUPSServerAddress(parsing: peer.server), label: "test")
        }

        func settings(retention: Duration = .zero, printer: String? = nil) throws -> PrintJobSettings {
            var settings = PrintJobSettings(
                printer: printer ?? peer.queue, stateDirectory: stateDirectory,
                server: try CUPSServerAddress(parsing: peer.server))
            settings.pollInterval = .milliseconds(200)
            settings.resumeInterval = .milliseconds(500)
            settings.retention = retention
            return settings
        }

        func runner(_ changes: Changes, retention: Duration = .zero, printer: String? = nil) throws -> PrintJobRunner {
            PrintJobRunner(database: database, settings: try settings(retention: retention, printer: printer)) {
                changes.add($0)
            }
        }

        func stop() {
            try? database.close()
            peer.stop()
            try? FileManager.default.removeItem(atPath: stateDirectory)
        }
    }

    static func bundle(_ id: String, forms: [String] = ["resident-move"]) throws -> PrintJobBundle {
        let pdf = try Data(contentsOf: URL(fileURLWithPath: testPage))
        return PrintJobBundle(
            bundleID: id, forms: forms.map { PrintJobBundle.Form(formID: $0, title: "住民異動届", pdf: pdf) })
    }

    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    static func job(_ id: String, in database: Database) async throws -> PrintJobRecord? {
        try await database.read { try PrintJobTable.job(id: id, in: $0) }
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aBundleIsSpooledAndRecordedBeforeItIsAcknowledgedThenPrintedOnceAndItsPDFDeleted() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let changes = Changes()
        let runner = try fixture.runner(changes)
        defer { runner.shutdown() }

        // Not started yet: what submit acknowledges must already be on disk.
        let jobs = try await runner.submit(try Self.bundle("visit-1", forms: ["resident-move", "nhi-enrollment"]))
        #expect(jobs.map(\.state) == [.queued, .queued])
        for job in jobs {
            var info = stat()
            #expect(stat(job.documentPath, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600)
            #expect(job.documentPath.hasPrefix(fixture.stateDirectory + "/spool/"))
        }
        #expect(try await runner.jobs(bundleID: "visit-1").map(\.id) == jobs.map(\.id))

        try runner.start()
        let done = try await Self.eventually(30) {
            try await runner.jobs(bundleID: "visit-1").allSatisfy { $0.state == .completed }
        }
        #expect(done, "\(fixture.peer.diagnostics())")
        for job in jobs {
            #expect(fixture.peer.receivedDocuments(named: job.cupsJobName).count == 1)
            #expect(access(job.documentPath, F_OK) != 0)  // the resident's PDF is gone
            let stored = try #require(try await Self.job(job.id, in: fixture.database))
            #expect(stored.documentRemoved && stored.completedAt != nil && stored.attempts == 1)
            #expect(changes.states(of: job.id) == [.queued, .submitted, .completed])
        }
        #expect(fixture.peer.receivedDocuments().count == 2)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func paperOutHoldsTheJobWithMediaEmptyAndARefillPrintsItExactlyOnce() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        try fixture.peer.emptyTray()
        let changes = Changes()
        let runner = try fixture.runner(changes)
        defer { runner.shutdown() }
        try runner.start()
        let job = try await runner.submit(try Self.bundle("visit-2"))[0]

        let held = await Self.eventually(20) {
            changes.all.contains {
                $0.id == job.id && $0.state == .held && $0.printerStateReasons.contains("media-empty")
            }
        }
        #expect(held, "\(fixture.peer.diagnostics())")
        try await Task.sleep(for: .seconds(1))
        #expect(try await Self.job(job.id, in: fixture.database)?.state == .held)

        try fixture.peer.refillTray()
        let completed = try await Self.eventually(30) {
            try await Self.job(job.id, in: fixture.database)?.state == .completed
        }
        #expect(completed, "\(fixture.peer.diagnostics())")
        #expect(fixture.peer.receivedDocuments(named: job.cupsJobName).count == 1)
        #expect(fixture.peer.receivedDocuments().count == 1)
        let final = try #require(try await Self.job(job.id, in: fixture.database))
        #expect(final.attempts == 1)
        #expect(final.printerStateReasons.isEmpty)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aStoppedQueueIsResumedAndTheFormComesOutOnce() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        try fixture.peer.stopQueue()
        let changes = Changes()
        let runner = try fixture.runner(changes)
        defer { runner.shutdown() }
        try runner.start()
        let job = try await runner.submit(try Self.bundle("visit-3"))[0]

        let completed = try await Self.eventually(30) {
            try await Self.job(job.id, in: fixture.database)?.state == .completed
        }
        #expect(completed, "\(fixture.peer.diagnostics())")
        #expect(try fixture.peer.queueState().contains("disabled") == false)
        #expect(fixture.peer.receivedDocuments(named: job.cupsJobName).count == 1)
        #expect(try await Self.job(job.id, in: fixture.database)?.attempts == 1)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aJobSubmittedJustBeforeACrashIsFoundByNameAndNotPrintedTwice() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let changes = Changes()
        // The "crashed" run: it recorded the attempt and CUPS took the job, but the CUPS job id never
        // reached the database (killed in between).
        let first = try fixture.runner(changes)
        let job = try await first.submit(try Self.bundle("visit-4"))[0]
        first.shutdown()
        var attempted = job
        attempted.attempts = 1
        let record = attempted
        _ = try await fixture.database.write { try PrintJobTable.update(record, in: $0) }
        let cupsJobID = try await fixture.client.submit(
            queue: fixture.peer.queue, jobName: job.cupsJobName, document: job.documentPath, options: CUPSPrintOptions()
        )

        let second = try fixture.runner(changes)
        defer { second.shutdown() }
        try second.start()
        let completed = try await Self.eventually(30) {
            try await Self.job(job.id, in: fixture.database)?.state == .completed
        }
        #expect(completed, "\(fixture.peer.diagnostics())")
        let final = try #require(try await Self.job(job.id, in: fixture.database))
        #expect(final.cupsJobID == cupsJobID)
        #expect(final.attempts == 1)
        try await Task.sleep(for: .seconds(1))
        #expect(fixture.peer.receivedDocuments(named: job.cupsJobName).count == 1)
        #expect(try await fixture.client.jobs(queue: fixture.peer.queue, named: job.cupsJobName).count == 1)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aRestartFollowsASubmittedJobWithoutSubmittingItAgain() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        try fixture.peer.emptyTray()  // keeps the job at CUPS while the runner "dies"
        let changes = Changes()
        let first = try fixture.runner(changes)
        try first.start()
        let job = try await first.submit(try Self.bundle("visit-5"))[0]
        let submitted = try await Self.eventually(20) {
            try await Self.job(job.id, in: fixture.database)?.cupsJobID != nil
        }
        #expect(submitted, "\(fixture.peer.diagnostics())")
        first.shutdown()

        let second = try fixture.runner(changes)
        defer { second.shutdown() }
        try second.start()
        try fixture.peer.refillTray()
        let completed = try await Self.eventually(30) {
            try await Self.job(job.id, in: fixture.database)?.state == .completed
        }
        #expect(completed, "\(fixture.peer.diagnostics())")
        #expect(try await Self.job(job.id, in: fixture.database)?.attempts == 1)
        #expect(fixture.peer.receivedDocuments().count == 1)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aJobStaffCancelledAtCUPSIsRecordedCancelledAndNeverSubmittedAgain() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        try fixture.peer.emptyTray()
        let changes = Changes()
        let runner = try fixture.runner(changes)
        defer { runner.shutdown() }
        try runner.start()
        let job = try await runner.submit(try Self.bundle("visit-9"))[0]
        let held = await Self.eventually(20) { changes.all.contains { $0.id == job.id && $0.state == .held } }
        #expect(held, "\(fixture.peer.diagnostics())")
        let cupsJobID = try #require(try await Self.job(job.id, in: fixture.database)?.cupsJobID)

        let cancel = try fixture.peer.cupsTool("cancel", ["\(fixture.peer.queue)-\(cupsJobID)"])
        #expect(cancel.status == 0)
        let cancelled = try await Self.eventually(20) {
            try await Self.job(job.id, in: fixture.database)?.state == .cancelled
        }
        #expect(cancelled, "\(fixture.peer.diagnostics())")
        try fixture.peer.refillTray()
        try await Task.sleep(for: .seconds(2))
        #expect(try await Self.job(job.id, in: fixture.database)?.attempts == 1)
        #expect(try await fixture.client.jobs(queue: fixture.peer.queue, named: job.cupsJobName).count == 1)
        #expect(access(job.documentPath, F_OK) != 0)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func withARetentionThePDFStaysThatLongAfterPrintingThenGoes() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let changes = Changes()
        let runner = try fixture.runner(changes, retention: .seconds(2))
        defer { runner.shutdown() }
        try runner.start()
        let job = try await runner.submit(try Self.bundle("visit-6"))[0]
        let completed = try await Self.eventually(30) {
            try await Self.job(job.id, in: fixture.database)?.state == .completed
        }
        #expect(completed, "\(fixture.peer.diagnostics())")
        #expect(access(job.documentPath, F_OK) == 0)
        let removed = try await Self.eventually(10) {
            try await Self.job(job.id, in: fixture.database)?.documentRemoved == true
        }
        #expect(removed, "\(fixture.peer.diagnostics())")
        #expect(access(job.documentPath, F_OK) != 0)

        // A reprint is a new job of the same bundle, printed once more.
        let pdf = try Data(contentsOf: URL(fileURLWithPath: Self.testPage))
        let again = try await runner.reprint(jobID: job.id, pdf: pdf)
        #expect(again.id != job.id && again.bundleID == "visit-6" && again.formID == job.formID)
        let reprinted = try await Self.eventually(30) {
            try await Self.job(again.id, in: fixture.database)?.state == .completed
        }
        #expect(reprinted, "\(fixture.peer.diagnostics())")
        #expect(fixture.peer.receivedDocuments().count == 2)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func eachPrinterRunnerFollowsOnlyItsOwnJobsAndAnUnknownQueueHoldsItsJobUnsubmitted() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let changes = Changes()
        // madod runs one runner per counter printer over one table and one spool.
        let counter = try fixture.runner(changes)
        let missing = try fixture.runner(changes, printer: "counter-9")
        defer {
            counter.shutdown()
            missing.shutdown()
        }
        try counter.start()
        try missing.start()
        let pdf = try Data(contentsOf: URL(fileURLWithPath: Self.testPage))
        let form = PrintJobBundle.Form(formID: "seal-registration", title: "印鑑登録申請書", pdf: pdf)
        let lost = try await missing.submit(PrintJobBundle(bundleID: "visit-7", forms: [form]))[0]
        let printed = try await counter.submit(PrintJobBundle(bundleID: "visit-8", forms: [form]))[0]

        let held = await Self.eventually(10) {
            changes.all.contains {
                $0.id == lost.id && $0.state == .held && $0.printerStateReasons.contains("printer-gone")
            }
        }
        #expect(held, "\(fixture.peer.diagnostics())")
        let completed = try await Self.eventually(30) {
            try await Self.job(printed.id, in: fixture.database)?.state == .completed
        }
        #expect(completed, "\(fixture.peer.diagnostics())")
        #expect(try await Self.job(printed.id, in: fixture.database)?.attempts == 1)
        #expect(try await Self.job(lost.id, in: fixture.database)?.attempts == 0)
        #expect(fixture.peer.receivedDocuments().count == 1)
        #expect(try await counter.jobs().map(\.id) == [printed.id])
        await #expect(throws: PrintJobError.self) { _ = try await counter.cancel(jobID: lost.id) }

        let cancelled = try await missing.cancel(jobID: lost.id)
        #expect(cancelled.state == .cancelled)
        #expect(access(lost.documentPath, F_OK) != 0)
    }
}
