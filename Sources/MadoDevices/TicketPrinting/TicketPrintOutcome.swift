// SPDX-License-Identifier: Apache-2.0
// What became of one ticket sent to a printer.

/// The result of `TicketPrinter.print`. Only `.completed` and `.sentUnconfirmed` mean the person got a
/// ticket; for `.refused` nothing was sent, for `.failed` the ticket may be missing or partly printed.
public enum TicketPrintOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The printer reported the process ID back: the ticket is printed and cut.
    case completed
    /// The bytes were accepted and the printer still looks healthy, but it did not confirm the ticket
    /// (no process ID was given, or the model does not support GS ( H). Treated as printed.
    case sentUnconfirmed(reason: String)
    /// Nothing was sent because the printer cannot print (its health says why).
    case refused(TicketPrinterHealth)
    /// Sending failed, or the printer stopped while printing (paper ran out, cover opened, connection lost).
    case failed(TicketPrinterHealth)

    /// Whether the person should have a ticket in hand.
    public var isPrinted: Bool {
        switch self {
        case .completed, .sentUnconfirmed: return true
        case .refused, .failed: return false
        }
    }

    public var description: String {
        switch self {
        case .completed: return "printed"
        case .sentUnconfirmed(let reason): return "sent, not confirmed (\(reason))"
        case .refused(let health): return "not sent: \(health.advice)"
        case .failed(let health): return "failed: \(health.advice)"
        }
    }
}
