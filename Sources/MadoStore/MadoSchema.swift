// SPDX-License-Identifier: Apache-2.0
// MadoSchema: madod's database schema as an ordered list of migrations.

/// The project's schema. Append a migration for every change; never edit one that has shipped
/// (databases in the field have already applied it and will not run it again).
public enum MadoSchema {
    public static let migrations: [Migration] = [
        Migration(
            version: 1, name: "meta and daemon starts",
            sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) STRICT;
                CREATE TABLE daemon_starts (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    version TEXT NOT NULL
                ) STRICT;
                """),
        Migration(
            version: 2, name: "queue event log, business days and KPI cache",
            sql: """
                -- The queue's event log: the truth that tickets, counters and KPIs are projections of.
                -- body is QueueEvent.storageJSON(); day is the business day the event belongs to (a
                -- dailyReset belongs to the day it begins), so a day's events are one seq range.
                CREATE TABLE queue_events (
                    seq INTEGER PRIMARY KEY,
                    day TEXT NOT NULL,
                    type TEXT NOT NULL,
                    ticket TEXT,
                    body TEXT NOT NULL
                ) STRICT;
                -- Where each business day starts in the log, so that startup replays only the last
                -- days and a KPI export reads only the days it needs.
                CREATE TABLE queue_days (
                    day TEXT PRIMARY KEY,
                    first_seq INTEGER NOT NULL
                ) STRICT, WITHOUT ROWID;
                -- KPI rows of finished business days, rendered once (a finished day never changes).
                CREATE TABLE queue_kpi_days (
                    day TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    daily_csv TEXT NOT NULL,
                    hourly_csv TEXT NOT NULL,
                    counters_csv TEXT NOT NULL,
                    daily_json TEXT NOT NULL,
                    hourly_json TEXT NOT NULL,
                    counters_json TEXT NOT NULL
                ) STRICT, WITHOUT ROWID;
                """),
        Migration(
            version: 3, name: "print jobs of form bundles",
            sql: """
                -- One row per form sent to a counter printer. No personal data: the spooled PDF (mode 0600,
                -- deleted once printed) holds it; the row holds ids, the form's title and CUPS's word on it.
                -- printer_state_reasons is a space-separated list of IPP keywords (media-empty cover-open).
                CREATE TABLE print_jobs (
                    id TEXT PRIMARY KEY,
                    bundle_id TEXT NOT NULL,
                    form_id TEXT NOT NULL,
                    form_title TEXT NOT NULL,
                    document_path TEXT NOT NULL,
                    printer TEXT NOT NULL,
                    cups_job_id INTEGER,
                    state TEXT NOT NULL
                        CHECK (state IN ('queued', 'submitted', 'held', 'completed', 'failed', 'cancelled')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    printer_state_reasons TEXT NOT NULL DEFAULT '',
                    message TEXT NOT NULL DEFAULT '',
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    completed_at TEXT,
                    document_removed INTEGER NOT NULL DEFAULT 0
                ) STRICT;
                CREATE INDEX print_jobs_by_bundle ON print_jobs (bundle_id);
                CREATE INDEX print_jobs_unfinished ON print_jobs (state)
                    WHERE state IN ('queued', 'submitted', 'held');
                """),
        Migration(version: 4, name: "exam definitions and foreign sheet layouts", sql: ExamTable.migrationSQL),
    ]

    public static var latestVersion: Int { migrations.last?.version ?? 0 }
}
