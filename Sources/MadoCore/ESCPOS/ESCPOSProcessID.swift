// SPDX-License-Identifier: Apache-2.0
// The 4-byte process ID of GS ( H fn 48 and the reply that says the ticket has been printed.

/// Four printable ASCII bytes (0x20–0x7E) that the printer echoes back once everything before them has
/// been printed: `37 22 d1 d2 d3 d4 00`.
public struct ESCPOSProcessID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Returns nil unless there are exactly four bytes in 0x20–0x7E (the range the Epson reference allows).
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4, bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        self.bytes = bytes
    }

    /// "0023" from a ticket sequence: the last four decimal digits, zero-padded.
    public init(sequence: Int) {
        let digits = String(abs(sequence) % 10000)
        let padded = String(repeating: "0", count: 4 - digits.count) + digits
        self.bytes = Array(padded.utf8)
    }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    /// The reply a printer sends when it has printed up to this ID.
    public var response: [UInt8] { [0x37, 0x22] + bytes + [0x00] }

    /// Finds the first process-ID reply in bytes read from the printer (other status bytes may surround it).
    public static func firstResponse(in data: [UInt8]) -> ESCPOSProcessID? {
        guard data.count >= 7 else { return nil }
        for start in 0...(data.count - 7)
        where data[start] == 0x37 && data[start + 1] == 0x22 && data[start + 6] == 0x00 {
            if let id = ESCPOSProcessID(bytes: Array(data[start + 2..<start + 6])) { return id }
        }
        return nil
    }
}
