// SPDX-License-Identifier: Apache-2.0
// A CUPS queue's state, its printer-state-reasons reduced to keywords, and whether a form can come out now.

/// `printer-state`: 3 idle, 4 processing, 5 stopped.
public enum CUPSPrinterState: String, Sendable, Equatable {
    case idle, processing, stopped

    public init?(ippValue: Int) {
        switch ippValue {
        case 3: self = .idle
        case 4: self = .processing
        case 5: self = .stopped
        default: return nil
        }
    }
}

/// What CUPS says about one queue.
public struct CUPSPrinterStatus: Sendable, Equatable {
    public let queue: String
    public let state: CUPSPrinterState
    /// `printer-state-reasons` as keywords without the `-error`/`-warning`/`-report` severity suffix that
    /// the ipp backend adds (`media-empty-warning` → `media-empty`), without `none`, in CUPS's order.
    public let reasons: [String]
    public let isAcceptingJobs: Bool
    /// `printer-state-message`, e.g. "Waiting for printer to become available." (never document content).
    public let message: String

    public init(queue: String, state: CUPSPrinterState, reasons: [String], isAcceptingJobs: Bool, message: String) {
        self.queue = queue
        self.state = state
        self.reasons = reasons
        self.isAcceptingJobs = isAcceptingJobs
        self.message = message
    }

    /// Reasons that stop paper from coming out until someone acts: no paper, an open cover or door, a
    /// jam, a stopped (paused) queue, a printer that cannot be reached.
    public static let blockingReasons: Set<String> = [
        "media-empty", "media-needed", "media-jam", "cover-open", "door-open", "interlock-open",
        "input-tray-missing", "paused", "stopped", "offline", "shutdown", "connecting-to-device", "timed-out",
        "marker-supply-empty", "toner-empty", "spool-area-full", "printer-gone",
    ]

    /// The reasons from `blockingReasons`, plus `paused` for a stopped queue and `not-accepting-jobs`.
    public var blockingReasons: [String] {
        var result = reasons.filter { Self.blockingReasons.contains($0) }
        if state == .stopped && !result.contains("paused") { result.append("paused") }
        if !isAcceptingJobs { result.append("not-accepting-jobs") }
        return result
    }

    /// Nothing stands between a queued form and the paper tray.
    public var isReady: Bool { blockingReasons.isEmpty }

    /// `media-empty-warning` → `media-empty`; `none` and empty keywords are dropped; duplicates collapse.
    public static func normalizedReasons(_ raw: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for keyword in raw {
            var base = keyword
            for suffix in ["-error", "-warning", "-report"] where base.hasSuffix(suffix) {
                base = String(base.dropLast(suffix.count))
                break
            }
            guard !base.isEmpty, base != "none", seen.insert(base).inserted else { continue }
            result.append(base)
        }
        return result
    }
}
