// SPDX-License-Identifier: Apache-2.0
// One row of print_jobs: a form of a bundle on its way to a counter printer. No personal data.
public import Foundation

/// A form's print job. Holds identifiers, the form's title (a fixed name such as 住民異動届) and CUPS's
/// state; the resident's data is only in the spooled PDF at `documentPath`.
public struct PrintJobRecord: Sendable, Equatable {
    /// Our job id (random, unique across database resets); CUPS knows the job as `mado-<id>`.
    public let id: String
    public let bundleID: String
    public let formID: String
    public let formTitle: String
    /// The spooled PDF (`<stateDir>/spool/<id>.pdf`).
    public let documentPath: String
    /// The CUPS queue.
    public let printer: String
    public var cupsJobID: Int?
    public var state: PrintJobState
    /// How many times the form was handed to CUPS.
    public var attempts: Int
    /// The printer's blocking reasons while the job is held (`media-empty`, `cover-open`, `paused`, …).
    public var printerStateReasons: [String]
    /// What went wrong or what the job waits for, for staff (never document content).
    public var message: String
    public let createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
    /// The spooled PDF has been deleted (after completion and the retention time, or on cancel).
    public var documentRemoved: Bool

    public init(
        id: String, bundleID: String, formID: String, formTitle: String, documentPath: String, printer: String,
        cupsJobID: Int? = nil, state: PrintJobState = .queued, attempts: Int = 0, printerStateReasons: [String] = [],
        message: String = "", createdAt: Date, updatedAt: Date? = nil, completedAt: Date? = nil,
        documentRemoved: Bool = false
    ) {
        self.id = id
        self.bundleID = bundleID
        self.formID = formID
        self.formTitle = formTitle
        self.documentPath = documentPath
        self.printer = printer
        self.cupsJobID = cupsJobID
        self.state = state
        self.attempts = attempts
        self.printerStateReasons = printerStateReasons
        self.message = message
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.completedAt = completedAt
        self.documentRemoved = documentRemoved
    }

    /// The job-name CUPS knows the job by: how a restarted madod finds a job it submitted before a crash.
    public var cupsJobName: String { "mado-\(id)" }
}
