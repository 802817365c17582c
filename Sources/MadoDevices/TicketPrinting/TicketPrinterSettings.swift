// SPDX-License-Identifier: Apache-2.0
// The plain config values a ticket printer runs with: timeouts and paper width.

/// Timeouts and paper geometry for one ticket printer, filled in by the daemon from its config.
public struct TicketPrinterSettings: Sendable, Equatable {
    /// How long to wait for a TCP connection or for a USB printer to open.
    public var connectTimeout: Duration
    /// How long to wait for each one-byte DLE EOT answer. A printer answers within milliseconds; longer
    /// silence means it is off, unplugged, or not an ESC/POS printer.
    public var statusTimeout: Duration
    /// How long a write may stall. An Epson printer that runs out of paper mid-ticket stops reading.
    public var writeTimeout: Duration
    /// How long to wait for the GS ( H process-ID reply that says the ticket was printed and cut.
    public var completionTimeout: Duration
    /// Printable width in dots: 576 for 80 mm paper, 384 for 58 mm (at 203 dpi). The renderer uses it.
    public var paperWidthDots: Int

    public init(
        connectTimeout: Duration = .seconds(3), statusTimeout: Duration = .seconds(1),
        writeTimeout: Duration = .seconds(10), completionTimeout: Duration = .seconds(5), paperWidthDots: Int = 576
    ) {
        self.connectTimeout = connectTimeout
        self.statusTimeout = statusTimeout
        self.writeTimeout = writeTimeout
        self.completionTimeout = completionTimeout
        self.paperWidthDots = paperWidthDots
    }
}

extension Duration {
    /// Whole milliseconds, at least 1: for poll(2) and libusb, where 0 means "do not wait" or "forever".
    var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(1, milliseconds))
    }

    /// "3 s", "0.3 s": for messages.
    var spoken: String {
        let value = secondsValue
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
