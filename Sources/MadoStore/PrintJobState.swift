// SPDX-License-Identifier: Apache-2.0
// Where one form's print job stands, as madod records it (not CUPS's own job-state).

/// The life of a form's print job:
/// `queued` (spooled, not yet given to CUPS) → `submitted` (CUPS accepted it) ⇄ `held` (the printer cannot
/// print: no paper, cover open, queue stopped, printer gone) → `completed` (CUPS says done: sent, not
/// necessarily on paper for socket/USB printers) — or `failed` (needs a person) or `cancelled`.
public enum PrintJobState: String, Sendable, Equatable, CaseIterable {
    case queued, submitted, held, completed, failed, cancelled

    /// madod still has work to do for this job (the runner follows it, a restart recovers it).
    public var isUnfinished: Bool { self == .queued || self == .submitted || self == .held }
}
