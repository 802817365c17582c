// SPDX-License-Identifier: Apache-2.0
// Whether a ticket printer can print now, and what staff should do when it cannot.
public import MadoCore

/// The result of asking a ticket printer for its status.
public enum TicketPrinterHealth: Sendable, Equatable, CustomStringConvertible {
    /// It answered and can print; `status.warnings` may still hold "paper-near-end".
    case ready(TicketPrinterStatus)
    /// It answered and cannot print (cover open, paper end, offline, cutter error...).
    case fault(TicketPrinterStatus)
    /// It could not be reached or did not answer: not connected, unplugged, no reply.
    case unreachable(reason: String)

    public var canPrint: Bool {
        if case .ready = self { return true }
        return false
    }

    /// Stable codes for the API and SSE events: the status's faults, or "unreachable".
    public var faults: [String] {
        switch self {
        case .ready: return []
        case .fault(let status): return status.faults.isEmpty ? ["error"] : status.faults
        case .unreachable: return ["unreachable"]
        }
    }

    /// Conditions staff should see that do not stop printing.
    public var warnings: [String] {
        switch self {
        case .ready(let status), .fault(let status): return status.warnings
        case .unreachable: return []
        }
    }

    /// "ready", "fault" or "unreachable", for the API.
    public var state: String {
        switch self {
        case .ready: return "ready"
        case .fault: return "fault"
        case .unreachable: return "unreachable"
        }
    }

    /// What is wrong and what to do about it, e.g. "paper end — load a new roll".
    public var advice: String {
        switch self {
        case .ready(let status):
            return status.isPaperNearEnd ? "ready, paper near end — have a new roll at hand" : "ready"
        case .fault(let status):
            let parts = status.faults.map(Self.advice(forFault:))
            return parts.isEmpty ? "error — switch the printer off and on" : parts.joined(separator: "; ")
        case .unreachable(let reason):
            return "unreachable: \(reason) — check power and cable"
        }
    }

    static func advice(forFault code: String) -> String {
        switch code {
        case "paper-end": return "paper end — load a new roll"
        case "cover-open": return "cover open — close the cover"
        case "cutter-error": return "cutter error — clear the paper jam at the cutter"
        case "unrecoverable-error": return "unrecoverable error — the printer needs service"
        case "recoverable-error": return "head overheated or cover opened while printing — wait a moment"
        case "offline": return "offline — check the printer's panel"
        default: return "error — switch the printer off and on"
        }
    }

    public var description: String { advice }
}
