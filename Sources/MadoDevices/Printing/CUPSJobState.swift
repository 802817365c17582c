// SPDX-License-Identifier: Apache-2.0
// A CUPS job's state (RFC 8011 job-state) and what it means for a form waiting to come out.

/// `job-state` as CUPS reports it (3 pending … 9 completed).
public enum CUPSJobState: String, Sendable, Equatable, CaseIterable {
    case pending, held, processing, stopped, cancelled, aborted, completed

    /// Maps the IPP enum value; nil for a value outside 3…9.
    public init?(ippValue: Int) {
        switch ippValue {
        case 3: self = .pending
        case 4: self = .held
        case 5: self = .processing
        case 6: self = .stopped
        case 7: self = .cancelled
        case 8: self = .aborted
        case 9: self = .completed
        default: return nil
        }
    }

    /// CUPS will do nothing more with the job.
    public var isFinal: Bool { self == .cancelled || self == .aborted || self == .completed }
}

/// One CUPS job as Get-Job-Attributes or Get-Jobs describe it.
public struct CUPSJobStatus: Sendable, Equatable {
    public let jobID: Int
    /// The job-name we gave it (`mado-<id>`); empty if CUPS hides it from us.
    public let name: String
    public let state: CUPSJobState
    /// `job-state-reasons`, e.g. `job-canceled-by-user`, `job-printing`, `printer-stopped`.
    public let reasons: [String]

    public init(jobID: Int, name: String, state: CUPSJobState, reasons: [String]) {
        self.jobID = jobID
        self.name = name
        self.state = state
        self.reasons = reasons
    }

    /// Cancelled by a person (at the printer's panel or with cancel/lprm), as opposed to by the system.
    public var wasCancelledByPerson: Bool {
        state == .cancelled
            && reasons.contains {
                $0 == "job-canceled-by-user" || $0 == "job-canceled-by-operator" || $0 == "job-canceled-at-device"
            }
    }
}
