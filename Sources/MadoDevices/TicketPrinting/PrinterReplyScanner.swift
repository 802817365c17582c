// SPDX-License-Identifier: Apache-2.0
// Splits the bytes a printer sends back into status answers and process-ID replies.
import MadoCore

/// Bytes from the printer, read in whatever pieces the transport delivers, taken apart into DLE EOT
/// answers and GS ( H replies (`37 22 d1 d2 d3 d4 00`).
///
/// Process-ID replies must be recognised as a whole: their ID digits ("0023") have the status bits' fixed
/// pattern (0x32 & 0x93 == 0x12), so reading them one byte at a time would invent a status answer.
struct PrinterReplyScanner {
    private(set) var pending: [UInt8] = []
    /// Process IDs seen so far, oldest first.
    private(set) var processIDs: [ESCPOSProcessID] = []

    mutating func append(_ bytes: [UInt8]) { pending += bytes }

    /// The next status answer, after moving any complete process-ID reply before it to `processIDs` and
    /// dropping bytes that are neither. Nil when more bytes are needed.
    mutating func nextStatusByte() -> UInt8? {
        while let first = pending.first {
            if first == 0x37 {
                if pending.count < 7 {
                    // Could be the start of a process-ID reply: wait, unless it cannot be one.
                    if pending.count >= 2 && pending[1] != 0x22 {
                        pending.removeFirst()
                        continue
                    }
                    return nil
                }
                if pending[1] == 0x22, pending[6] == 0x00, let id = ESCPOSProcessID(bytes: Array(pending[2..<6])) {
                    processIDs.append(id)
                    pending.removeFirst(7)
                    continue
                }
                pending.removeFirst()
                continue
            }
            pending.removeFirst()
            if TicketPrinterStatus.isStatusByte(first) { return first }
        }
        return nil
    }

    /// Whether the reply for `id` has arrived; consumes everything scanned so far.
    mutating func takeProcessID(_ id: ESCPOSProcessID) -> Bool {
        // Status bytes that arrive while waiting answer no request of ours; they are dropped.
        while nextStatusByte() != nil {}
        if let index = processIDs.firstIndex(of: id) {
            processIDs.removeSubrange(...index)
            return true
        }
        return false
    }

    /// Forgets everything: after a reconnect old bytes answer nothing.
    mutating func reset() {
        pending.removeAll()
        processIDs.removeAll()
    }
}
