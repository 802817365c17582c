// SPDX-License-Identifier: Apache-2.0
// What a ticket printer's DLE EOT answers say: can it print a ticket now, and what should staff do.

/// The printer's condition from its real-time status bytes (DLE EOT 1–4). Each answer is one byte with the
/// fixed bits 0x12 set and bit 7 clear (pattern 0xx1xx10); a byte that does not match is ignored rather
/// than trusted, since it may be a process-ID reply or line noise.
public struct TicketPrinterStatus: Equatable, Sendable, CustomStringConvertible {
    /// DLE EOT 1, bit 3.
    public var isOffline = false
    /// DLE EOT 2, bit 2.
    public var isCoverOpen = false
    /// DLE EOT 2, bit 3: the FEED button is held.
    public var isFeedButtonPressed = false
    /// DLE EOT 2, bit 5: printing stopped because the paper ran out.
    public var isPaperEndStop = false
    /// DLE EOT 4, bits 5–6: the paper-end sensor sees no paper.
    public var isPaperEndDetected = false
    /// DLE EOT 4, bits 2–3: the roll is nearly used up. A warning for staff, not a reason to refuse.
    public var isPaperNearEnd = false
    /// DLE EOT 2, bit 6.
    public var hasError = false
    /// DLE EOT 3, bit 3: the cutter jammed or failed (recover with DLE ENQ after clearing it).
    public var isAutocutterError = false
    /// DLE EOT 3, bit 5: the printer needs service.
    public var isUnrecoverableError = false
    /// DLE EOT 3, bit 6: head overheat or cover opened while printing; clears by itself.
    public var isAutoRecoverableError = false

    public init() {}

    /// Out of paper, by either answer.
    public var isPaperEnd: Bool { isPaperEndStop || isPaperEndDetected }

    /// Whether the byte has the fixed bits every DLE EOT answer carries.
    public static func isStatusByte(_ byte: UInt8) -> Bool { byte & 0x93 == 0x12 }

    /// Folds one answer into the status. Returns false (and changes nothing) for a byte without the fixed bits.
    @discardableResult
    public mutating func apply(_ byte: UInt8, answering request: ESCPOSCommand.StatusRequest) -> Bool {
        guard Self.isStatusByte(byte) else { return false }
        switch request {
        case .printer:
            isOffline = byte & 0x08 != 0
        case .offlineCause:
            isCoverOpen = byte & 0x04 != 0
            isFeedButtonPressed = byte & 0x08 != 0
            isPaperEndStop = byte & 0x20 != 0
            hasError = byte & 0x40 != 0
        case .errorCause:
            isAutocutterError = byte & 0x08 != 0
            isUnrecoverableError = byte & 0x20 != 0
            isAutoRecoverableError = byte & 0x40 != 0
        case .rollPaper:
            isPaperNearEnd = byte & 0x0C != 0
            isPaperEndDetected = byte & 0x60 != 0
        }
        return true
    }

    /// The status from answers to several requests, in the order they were sent.
    public init(answers: [(ESCPOSCommand.StatusRequest, UInt8)]) {
        for (request, byte) in answers { apply(byte, answering: request) }
    }

    /// Whether a ticket can be printed now. Near end does not block: the roll still holds tickets.
    public var canPrint: Bool {
        !isOffline && !isCoverOpen && !isPaperEnd && !hasError && !isAutocutterError && !isUnrecoverableError
            && !isAutoRecoverableError
    }

    /// The faults that stop printing, most actionable first, as stable codes for the API and SSE events.
    public var faults: [String] {
        var result: [String] = []
        if isPaperEnd { result.append("paper-end") }
        if isCoverOpen { result.append("cover-open") }
        if isAutocutterError { result.append("cutter-error") }
        if isUnrecoverableError { result.append("unrecoverable-error") }
        if isAutoRecoverableError { result.append("recoverable-error") }
        if hasError && result.isEmpty { result.append("error") }
        if isOffline && result.isEmpty { result.append("offline") }
        return result
    }

    /// Conditions staff should see that do not stop printing.
    public var warnings: [String] { isPaperNearEnd ? ["paper-near-end"] : [] }

    public var description: String {
        let parts = faults + warnings + (isFeedButtonPressed ? ["feed-button"] : [])
        return parts.isEmpty ? "ready" : parts.joined(separator: ", ")
    }
}
