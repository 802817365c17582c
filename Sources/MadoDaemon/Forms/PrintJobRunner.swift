// SPDX-License-Identifier: Apache-2.0
// Durable form printing: spool and record a bundle before acknowledging it, then hand each form to CUPS
// once and follow it until it is printed, holding it while the printer cannot print.
import Dispatch
public import Foundation
import MadoDevices
public import MadoStore
public import MadoSystem
import Synchronization

/// Prints the forms of bundles through CUPS so that each comes out exactly once, across paper-outs,
/// stopped queues, cupsd restarts and madod crashes.
///
/// - `submit` writes each PDF to the spool (0600, fsynced, directory fsynced) and the job rows (one
///   transaction) before it returns: an acknowledged bundle survives kill -9 and power loss.
/// - A job is handed to CUPS once. It is submitted again only when CUPS reports it aborted or cancelled by
///   the system (not by a person), up to `maxAttempts`. A restarted runner first looks a job up by its
///   CUPS job-name (`mado-<id>`) when it may have submitted it before dying.
/// - While the printer cannot print (media-empty, cover-open, a stopped queue, the printer or cupsd gone)
///   the job is `held` with the reasons; a queue CUPS stopped is resumed (Resume-Printer).
/// - CUPS `completed` counts as sent; the PDF is deleted after `retention`.
///
/// Blocking work runs on two serial queues of its own (intake: spool and database; follow: CUPS), never
/// on the cooperative pool. `onChange` is called on one of them with every new or changed job: keep it short.
public final class PrintJobRunner: @unchecked Sendable {
    // @unchecked: `lastResume`, `removals` and `isStarted` are only touched on `followQueue`; `stopped` is a
    // Mutex; everything else is immutable or Sendable.
    public let settings: PrintJobSettings
    private let database: Database
    private let client: CUPSClient
    private let spool: PrintJobSpool
    private let logger: Logger?
    private let onChange: @Sendable (PrintJobRecord) -> Void
    private let intakeQueue = DispatchQueue(label: "mado.print-jobs.intake")
    private let followQueue = DispatchQueue(label: "mado.print-jobs.follow")
    private let stopped = Mutex(false)
    private var isStarted = false
    private var lastResume: [String: ContinuousClock.Instant] = [:]
    /// Spooled PDFs of finished jobs, deleted when due.
    private var removals: [(job: PrintJobRecord, due: Date)] = []

    public init(
        database: Database, settings: PrintJobSettings, logger: Logger? = nil,
        onChange: @escaping @Sendable (PrintJobRecord) -> Void = { _ in }
    ) {
        self.database = database
        self.settings = settings
        self.client = CUPSClient(server: settings.server, label: "forms")
        self.spool = PrintJobSpool(directory: settings.spoolDirectory)
        self.logger = logger
        self.onChange = onChange
    }

    /// Prepares the spool, removes PDFs no job refers to (a crash between spooling and recording), and
    /// starts following the unfinished jobs, recovering those a previous run left behind. Returns at once.
    public func start() throws(PrintJobError) {
        try spool.prepare()
        followQueue.async { @Sendable in
            guard !self.isStarted else { return }
            self.isStarted = true
            self.recover()
            self.step()
        }
    }

    /// Spools and records the bundle's forms (one job each) and returns the new jobs once both are
    /// durable; printing starts right after. Throws (and keeps nothing) if the spool or database fails.
    public func submit(_ bundle: PrintJobBundle) async throws(PrintJobError) -> [PrintJobRecord] {
        guard !bundle.forms.isEmpty else { throw PrintJobError("bundle \(bundle.bundleID) has no forms to print") }
        let jobs = try await onIntake { runner throws(PrintJobError) in try runner.spoolAndRecord(bundle) }
        for job in jobs { onChange(job) }
        logger?.notice(
            "print bundle \(bundle.bundleID): \(jobs.count) form(s) queued for \(jobs.first?.printer ?? "")")
        wake()
        return jobs
    }

    /// Prints one form again as a new job of the same bundle on this runner's printer, from a freshly
    /// rendered PDF (the old one was deleted once printed).
    public func reprint(jobID: String, pdf: Data) async throws(PrintJobError) -> PrintJobRecord {
        let database = self.database
        let original: PrintJobRecord?
        do {
            original = try await database.read { try PrintJobTable.job(id: jobID, in: $0) }
        } catch {
            throw PrintJobError("cannot read print job \(jobID): \(error)")
        }
        guard let original else { throw PrintJobError("there is no print job \(jobID) to reprint") }
        let bundle = PrintJobBundle(
            bundleID: original.bundleID,
            forms: [PrintJobBundle.Form(formID: original.formID, title: original.formTitle, pdf: pdf)])
        let jobs = try await submit(bundle)
        return jobs[0]
    }

    /// Cancels a job: at CUPS if it was submitted, and deletes its PDF. A finished job is returned as it is.
    public func cancel(jobID: String) async throws(PrintJobError) -> PrintJobRecord {
        try await onFollow { runner throws(PrintJobError) in try runner.cancelNow(jobID: jobID) }
    }

    /// This printer's jobs (or one bundle's on this printer), oldest first.
    public func jobs(bundleID: String? = nil) async throws(PrintJobError) -> [PrintJobRecord] {
        let printer = settings.printer
        do {
            return try await database.read { connection in
                if let bundleID { return try PrintJobTable.jobs(bundleID: bundleID, in: connection) }
                return try PrintJobTable.all(in: connection)
            }.filter { $0.printer == printer }
        } catch {
            throw PrintJobError("cannot list print jobs: \(error)")
        }
    }

    /// Stops following jobs after the current step. Unfinished jobs stay recorded for the next start.
    /// Blocks until the step in progress has finished: call it at shutdown, off the cooperative pool.
    public func shutdown() {
        stopped.withLock { $0 = true }
        followQueue.sync {}
        intakeQueue.sync {}
    }

    // MARK: - Intake (intakeQueue)

    private func spoolAndRecord(_ bundle: PrintJobBundle) throws(PrintJobError) -> [PrintJobRecord] {
        try spool.prepare()
        let now = Date()
        let printer = settings.printer
        var jobs: [PrintJobRecord] = []
        for (index, form) in bundle.forms.enumerated() {
            let id = Self.newJobID()
            jobs.append(
                PrintJobRecord(
                    id: id, bundleID: bundle.bundleID, formID: form.formID, formTitle: form.title,
                    documentPath: spool.path(forJob: id), printer: printer,
                    // Distinct times keep the bundle's order in listings sorted by creation.
                    createdAt: now.addingTimeInterval(Double(index) / 1000)))
        }
        do {
            for (job, form) in zip(jobs, bundle.forms) { try spool.write(form.pdf, forJob: job.id) }
            try spool.syncDirectory()
            let rows = jobs
            try database.writeSync { connection in try PrintJobTable.insert(rows, into: connection) }
        } catch {
            for job in jobs { spool.remove(job.documentPath) }
            if let error = error as? PrintJobError { throw error }
            throw PrintJobError("cannot record print bundle \(bundle.bundleID): \(error)")
        }
        return jobs
    }

    // MARK: - Following (followQueue)

    private func wake() {
        followQueue.async { @Sendable in
            guard self.isStarted else { return }
            self.advanceAll()
        }
    }

    private func step() {
        guard !stopped.withLock({ $0 }) else { return }
        advanceAll()
        followQueue.asyncAfter(deadline: .now() + settings.pollInterval.timeInterval) { @Sendable in self.step() }
    }

    /// After a restart: schedule the deletion of printed forms' PDFs and remove PDFs that no job refers to.
    private func recover() {
        do {
            let (finished, all) = try database.readSync { connection in
                (try PrintJobTable.finishedWithDocument(in: connection), try PrintJobTable.all(in: connection))
            }
            for job in finished where job.printer == settings.printer { scheduleRemoval(of: job) }
            let known = Set(all.filter { !$0.documentRemoved }.map(\.id))
            // Only files older than a minute: another printer's runner shares the spool and may be between
            // writing a PDF and recording its job right now.
            for id in spool.spooledJobIDs(olderThan: 60) where !known.contains(id) {
                spool.remove(spool.path(forJob: id))
                logger?.notice("print spool: removed \(id).pdf, which no print job refers to")
            }
        } catch {
            logger?.error("print jobs: cannot read the jobs to recover: \(error)")
        }
    }

    private func advanceAll() {
        guard !stopped.withLock({ $0 }) else { return }
        removeDueDocuments()
        let jobs: [PrintJobRecord]
        do {
            let printer = settings.printer
            jobs = try database.readSync { try PrintJobTable.unfinished(in: $0) }.filter { $0.printer == printer }
        } catch {
            logger?.error("print jobs: cannot read unfinished jobs: \(error)")
            return
        }
        var statuses: [String: Result<CUPSPrinterStatus, DeviceError>] = [:]
        for job in jobs {
            guard !stopped.withLock({ $0 }) else { return }
            let status =
                statuses[job.printer]
                ?? Result { () throws(DeviceError) in try client.printerStatusNow(queue: job.printer) }
            statuses[job.printer] = status
            var next = advance(job, printer: status)
            if next != job {
                next.updatedAt = Date()
                if !next.state.isUnfinished { finish(&next) }
                record(next, was: job)
            }
        }
        for (printer, status) in statuses { resumeIfStopped(printer, status) }
    }

    /// One job's next state, from CUPS's word on the job and on its printer.
    private func advance(_ job: PrintJobRecord, printer: Result<CUPSPrinterStatus, DeviceError>) -> PrintJobRecord {
        var next = job
        guard let cupsJobID = job.cupsJobID else { return submitIfPossible(job, printer: printer) }
        let status: CUPSJobStatus?
        do {
            status = try client.jobStatusNow(queue: job.printer, jobID: cupsJobID)
        } catch {
            next.state = .held
            next.printerStateReasons = ["cups-unreachable"]
            next.message = error.message
            return next
        }
        guard let status else {
            // CUPS forgot the job (history purged, cupsd reinstalled): it may or may not have printed, and
            // printing it again could duplicate a signed form. A person decides (reprint makes a new job).
            next.state = .failed
            next.message =
                "CUPS no longer knows job \(cupsJobID) on \(job.printer); check whether the form came out "
                + "and reprint it if it did not"
            return next
        }
        switch status.state {
        case .completed:
            next.state = .completed
            next.printerStateReasons = []
            next.message = ""
        case .aborted, .cancelled:
            if status.wasCancelledByPerson {
                next.state = .cancelled
                next.message = "job \(cupsJobID) was cancelled at CUPS or at the printer"
            } else if job.attempts >= settings.maxAttempts {
                next.state = .failed
                next.message =
                    "CUPS \(status.state.rawValue) job \(cupsJobID) on \(job.printer) \(job.attempts) time(s) "
                    + "(\(status.reasons.joined(separator: " "))); check the printer (lpstat -l -p \(job.printer)), "
                    + "then reprint"
            } else {
                // CUPS gave up on it without a person asking: it did not come out, so submit it again.
                next.state = .queued
                next.cupsJobID = nil
                next.message = "CUPS \(status.state.rawValue) job \(cupsJobID); submitting again"
            }
        case .pending, .held, .processing, .stopped:
            // A queue that refuses new jobs still prints the ones it has: not a reason to hold this one.
            var reasons =
                (try? printer.get().blockingReasons.filter { $0 != "not-accepting-jobs" }) ?? ["cups-unreachable"]
            if status.state == .held && !reasons.contains("job-held") { reasons.append("job-held") }
            if reasons.isEmpty {
                next.state = .submitted
                next.printerStateReasons = []
                next.message = ""
            } else {
                next.state = .held
                next.printerStateReasons = reasons
                next.message = "waiting for \(job.printer): \(reasons.joined(separator: ", "))"
            }
        }
        return next
    }

    /// A job CUPS does not have (yet): find it by name if an earlier attempt may have reached CUPS,
    /// otherwise submit it, unless the printer cannot take jobs at all.
    private func submitIfPossible(
        _ job: PrintJobRecord, printer: Result<CUPSPrinterStatus, DeviceError>
    ) -> PrintJobRecord {
        var next = job
        let status: CUPSPrinterStatus
        switch printer {
        case .failure(let error):
            next.state = .held
            next.printerStateReasons = ["cups-unreachable"]
            next.message = error.message
            return next
        case .success(let value): status = value
        }
        if job.attempts > 0 {
            // An earlier attempt (perhaps just before a crash) may have reached CUPS: adopt that job
            // unless CUPS threw it away.
            do {
                let found = try client.jobsNow(queue: job.printer, named: job.cupsJobName)
                if let alive = found.last(where: { $0.state != .aborted && $0.state != .cancelled }) {
                    next.cupsJobID = alive.jobID
                    next.state = .submitted
                    next.message = ""
                    logger?.notice("print job \(job.id): found at CUPS as job \(alive.jobID) after a restart")
                    return next
                }
            } catch {
                next.state = .held
                next.printerStateReasons = ["cups-unreachable"]
                next.message = error.message
                return next
            }
        }
        // A stopped queue still takes jobs (they wait in CUPS); a queue that refuses jobs or does not
        // exist cannot, so the job waits here.
        if !status.isAcceptingJobs || status.reasons.contains("printer-gone") {
            next.state = .held
            next.printerStateReasons = status.blockingReasons
            next.message = "waiting for \(job.printer): \(status.blockingReasons.joined(separator: ", "))"
            return next
        }
        // Record the attempt before making it: after a crash in between, the job is looked up by name.
        next.attempts += 1
        next.updatedAt = Date()
        let attempt = next
        do {
            _ = try database.writeSync { try PrintJobTable.update(attempt, in: $0) }
        } catch {
            logger?.error("print job \(job.id): cannot record the submission attempt: \(error)")
            return job
        }
        do {
            let cupsJobID = try client.submitNow(
                queue: job.printer, jobName: job.cupsJobName, document: job.documentPath, options: settings.options)
            next.cupsJobID = cupsJobID
            next.state = status.isReady ? .submitted : .held
            next.printerStateReasons = status.blockingReasons
            next.message =
                status.isReady ? "" : "waiting for \(job.printer): \(status.blockingReasons.joined(separator: ", "))"
            logger?.notice("print job \(job.id) (\(job.formID)): CUPS job \(cupsJobID) on \(job.printer)")
        } catch {
            next.state = .held
            next.printerStateReasons = ["submission-failed"]
            next.message = error.message
            logger?.warning("print job \(job.id): \(error.message)")
        }
        return next
    }

    /// Resume-Printer on a queue CUPS stopped, at most once per `resumeInterval`.
    private func resumeIfStopped(_ printer: String, _ status: Result<CUPSPrinterStatus, DeviceError>) {
        guard settings.resumeStoppedQueues, case .success(let status) = status, status.state == .stopped,
            !status.reasons.contains("printer-gone")
        else { return }
        let now = ContinuousClock.now
        if let last = lastResume[printer], now - last < settings.resumeInterval { return }
        lastResume[printer] = now
        do {
            try client.resumeNow(queue: printer)
            logger?.notice("CUPS printer \(printer) was stopped (\(status.message)); resumed it")
        } catch {
            logger?.warning(error.message)
        }
    }

    private func cancelNow(jobID: String) throws(PrintJobError) -> PrintJobRecord {
        let found: PrintJobRecord?
        do {
            found = try database.readSync { try PrintJobTable.job(id: jobID, in: $0) }
        } catch {
            throw PrintJobError("cannot read print job \(jobID): \(error)")
        }
        guard let job = found else { throw PrintJobError("there is no print job \(jobID) to cancel") }
        guard job.printer == settings.printer else {
            throw PrintJobError("print job \(jobID) belongs to CUPS printer \(job.printer), not \(settings.printer)")
        }
        guard job.state.isUnfinished else { return job }
        if let cupsJobID = job.cupsJobID {
            do {
                try client.cancelNow(queue: job.printer, jobID: cupsJobID)
            } catch {
                throw PrintJobError(
                    "cannot cancel print job \(jobID): \(error.message); the form may still come out")
            }
        }
        var next = job
        next.state = .cancelled
        next.message = "cancelled by staff"
        next.updatedAt = Date()
        finish(&next)
        record(next, was: job)
        return next
    }

    /// A job that just finished: delete its PDF now (retention 0) or schedule the deletion.
    private func finish(_ job: inout PrintJobRecord) {
        if job.state == .completed { job.completedAt = job.updatedAt }
        if settings.retention == .zero {
            spool.remove(job.documentPath)
            job.documentRemoved = true
        } else {
            scheduleRemoval(of: job)
        }
    }

    private func scheduleRemoval(of job: PrintJobRecord) {
        let finishedAt = job.completedAt ?? job.updatedAt
        removals.append((job, finishedAt.addingTimeInterval(settings.retention.timeInterval)))
    }

    private func removeDueDocuments() {
        let now = Date()
        let due = removals.filter { $0.due <= now }
        guard !due.isEmpty else { return }
        removals.removeAll { $0.due <= now }
        for (job, _) in due {
            spool.remove(job.documentPath)
            do {
                let current = try database.readSync { try PrintJobTable.job(id: job.id, in: $0) }
                guard var current, !current.documentRemoved else { continue }
                current.documentRemoved = true
                current.updatedAt = now
                record(current, was: job)
            } catch {
                logger?.error("print job \(job.id): cannot record the removal of its PDF: \(error)")
            }
        }
    }

    private func record(_ job: PrintJobRecord, was old: PrintJobRecord) {
        do {
            _ = try database.writeSync { try PrintJobTable.update(job, in: $0) }
        } catch {
            logger?.error("print job \(job.id): cannot record state \(job.state.rawValue): \(error)")
            return
        }
        if job.state != old.state || job.printerStateReasons != old.printerStateReasons {
            logger?.info(
                "print job \(job.id) (\(job.formID)) on \(job.printer): \(old.state.rawValue) → \(job.state.rawValue)"
                    + (job.printerStateReasons.isEmpty ? "" : " [\(job.printerStateReasons.joined(separator: " "))]"))
        }
        onChange(job)
    }

    // MARK: - Helpers

    /// 16 random hex digits: unique across database resets, so a CUPS job-name never points at the
    /// wrong job after the state directory was wiped.
    static func newJobID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func onIntake<T: Sendable>(
        _ body: @escaping @Sendable (PrintJobRunner) throws(PrintJobError) -> T
    ) async throws(PrintJobError) -> T {
        try await run(on: intakeQueue, body)
    }

    private func onFollow<T: Sendable>(
        _ body: @escaping @Sendable (PrintJobRunner) throws(PrintJobError) -> T
    ) async throws(PrintJobError) -> T {
        try await run(on: followQueue, body)
    }

    private func run<T: Sendable>(
        on queue: DispatchQueue, _ body: @escaping @Sendable (PrintJobRunner) throws(PrintJobError) -> T
    ) async throws(PrintJobError) -> T {
        let result: Result<T, PrintJobError> = await withCheckedContinuation { continuation in
            queue.async { @Sendable in
                continuation.resume(returning: Result { () throws(PrintJobError) -> T in try body(self) })
            }
        }
        return try result.get()
    }
}

extension Duration {
    /// Seconds as a TimeInterval, for Dispatch deadlines and Date arithmetic.
    fileprivate var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
