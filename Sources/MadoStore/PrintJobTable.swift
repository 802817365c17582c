// SPDX-License-Identifier: Apache-2.0
// Reads and writes print_jobs inside the caller's read or write body (so a bundle's rows go in atomically).
public import Foundation

/// The durable print-job table. Call inside `Database.write`/`read` bodies: `insert` of a bundle's jobs
/// in one write body is atomic (all rows or none), and `write` returns only after the commit is synced.
public enum PrintJobTable {
    private static let columns = """
        id, bundle_id, form_id, form_title, document_path, printer, cups_job_id, state, attempts,
        printer_state_reasons, message, created_at, updated_at, completed_at, document_removed
        """

    /// Inserts new jobs. An id already present is an error (the whole write body rolls back).
    public static func insert(_ jobs: [PrintJobRecord], into connection: Connection) throws(StoreError) {
        for job in jobs {
            try connection.execute(
                "INSERT INTO print_jobs (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values(of: job))
        }
    }

    /// Writes every mutable field of `job` (matched by id). Returns false if no such job exists.
    @discardableResult
    public static func update(_ job: PrintJobRecord, in connection: Connection) throws(StoreError) -> Bool {
        try connection.execute(
            """
            UPDATE print_jobs SET cups_job_id = ?, state = ?, attempts = ?, printer_state_reasons = ?, message = ?,
                updated_at = ?, completed_at = ?, document_removed = ?
            WHERE id = ?
            """,
            [
                SQLValue(job.cupsJobID), .text(job.state.rawValue), SQLValue(job.attempts),
                .text(job.printerStateReasons.joined(separator: " ")), .text(job.message), .text(text(job.updatedAt)),
                SQLValue(job.completedAt.map(text)), SQLValue(job.documentRemoved), .text(job.id),
            ])
        return connection.changes > 0
    }

    public static func job(id: String, in connection: Connection) throws(StoreError) -> PrintJobRecord? {
        try select("WHERE id = ?", [.text(id)], connection).first
    }

    /// Every job, oldest first.
    public static func all(in connection: Connection) throws(StoreError) -> [PrintJobRecord] {
        try select("", [], connection)
    }

    /// A bundle's jobs (reprints included), oldest first.
    public static func jobs(bundleID: String, in connection: Connection) throws(StoreError) -> [PrintJobRecord] {
        try select("WHERE bundle_id = ?", [.text(bundleID)], connection)
    }

    /// Jobs madod still has to follow (queued, submitted, held), oldest first.
    public static func unfinished(in connection: Connection) throws(StoreError) -> [PrintJobRecord] {
        try select("WHERE state IN ('queued', 'submitted', 'held')", [], connection)
    }

    /// Finished jobs whose spooled PDF has not been deleted yet (retention pending, or a crash came first).
    public static func finishedWithDocument(in connection: Connection) throws(StoreError) -> [PrintJobRecord] {
        try select("WHERE state IN ('completed', 'failed', 'cancelled') AND document_removed = 0", [], connection)
    }

    /// Deletes finished jobs (completed, failed, cancelled) last updated before `cutoff`; returns how many.
    /// The caller deletes their spooled documents first (the runner does so on completion).
    @discardableResult
    public static func purge(finishedBefore cutoff: Date, in connection: Connection) throws(StoreError) -> Int {
        try connection.execute(
            "DELETE FROM print_jobs WHERE state IN ('completed', 'failed', 'cancelled') AND updated_at < ?",
            [.text(text(cutoff))])
        return connection.changes
    }

    // MARK: - Rows

    private static func select(
        _ condition: String, _ bindings: [SQLValue], _ connection: Connection
    ) throws(StoreError) -> [PrintJobRecord] {
        try connection.query("SELECT \(columns) FROM print_jobs \(condition) ORDER BY created_at, rowid", bindings)
            .compactMap(record)
    }

    private static func values(of job: PrintJobRecord) -> [SQLValue] {
        [
            .text(job.id), .text(job.bundleID), .text(job.formID), .text(job.formTitle), .text(job.documentPath),
            .text(job.printer), SQLValue(job.cupsJobID), .text(job.state.rawValue), SQLValue(job.attempts),
            .text(job.printerStateReasons.joined(separator: " ")), .text(job.message), .text(text(job.createdAt)),
            .text(text(job.updatedAt)), SQLValue(job.completedAt.map(text)), SQLValue(job.documentRemoved),
        ]
    }

    /// nil for a row this program cannot read (a state written by a newer version): skipped, not fatal.
    private static func record(_ row: Row) -> PrintJobRecord? {
        guard let id = row.string("id"), let stateText = row.string("state"),
            let state = PrintJobState(rawValue: stateText), let created = row.string("created_at").flatMap(date)
        else { return nil }
        let reasons = (row.string("printer_state_reasons") ?? "").split(separator: " ").map(String.init)
        return PrintJobRecord(
            id: id, bundleID: row.string("bundle_id") ?? "", formID: row.string("form_id") ?? "",
            formTitle: row.string("form_title") ?? "", documentPath: row.string("document_path") ?? "",
            printer: row.string("printer") ?? "", cupsJobID: row.int("cups_job_id"), state: state,
            attempts: row.int("attempts") ?? 0, printerStateReasons: reasons, message: row.string("message") ?? "",
            createdAt: created, updatedAt: row.string("updated_at").flatMap(date) ?? created,
            completedAt: row.string("completed_at").flatMap(date),
            documentRemoved: row.bool("document_removed") ?? false)
    }

    /// UTC with milliseconds, so rows sort by time as text and a job's timeline is readable in sqlite3.
    private static let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func text(_ date: Date) -> String { date.formatted(format) }

    private static func date(_ text: String) -> Date? { try? format.parse(text) }
}
