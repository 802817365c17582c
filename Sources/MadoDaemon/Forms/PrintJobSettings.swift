// SPDX-License-Identifier: Apache-2.0
// How the form-print runner reaches CUPS and how patiently it follows jobs.
public import MadoDevices

/// Settings of `PrintJobRunner`. Only `printer` and `stateDirectory` are required.
public struct PrintJobSettings: Sendable {
    /// The CUPS queue. A runner prints on and follows only this queue's jobs: madod runs one runner per
    /// counter printer, all sharing one table and one spool.
    public var printer: String
    /// nil: libcups's default (CUPS_SERVER, client.conf, the local cupsd).
    public var server: CUPSServerAddress?
    /// A4, one-sided unless `duplex`.
    public var options: CUPSPrintOptions
    /// Where spooled PDFs live: `<stateDir>/spool` (mode 0700, files 0600).
    public var spoolDirectory: String
    /// How often unfinished jobs are asked about (CUPS's ipp backend itself polls about once a second).
    public var pollInterval: Duration = .seconds(1)
    /// How long a printed form's PDF stays in the spool after CUPS reports it completed (privacy: 0 s).
    public var retention: Duration = .zero
    /// Resume-Printer on a queue CUPS stopped (stop-printer error policy), at most once per `resumeInterval`.
    public var resumeStoppedQueues = true
    public var resumeInterval: Duration = .seconds(10)
    /// Submissions of one form after CUPS aborted it before the job is `failed` for a person to look at.
    public var maxAttempts = 3

    public init(printer: String, stateDirectory: String, server: CUPSServerAddress? = nil, duplex: Bool = false) {
        self.printer = printer
        self.server = server
        self.options = CUPSPrintOptions(sides: duplex ? .twoSidedLongEdge : .oneSided)
        self.spoolDirectory = stateDirectory + "/spool"
    }
}
