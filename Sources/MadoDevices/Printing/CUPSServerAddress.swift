// SPDX-License-Identifier: Apache-2.0
// Where the CUPS scheduler listens: a local socket path or host:port, as CUPS_SERVER spells it.
import Foundation

/// The CUPS server madod prints through. `nil` in the configuration means "what libcups would use":
/// `CUPS_SERVER`, then client.conf, then the local scheduler.
public struct CUPSServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// A socket path (starting with `/`) or a host name or address.
    public let host: String
    /// The TCP port; 0 for a socket.
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `/run/cups/cups.sock`, `printserver`, `printserver:631`, `[::1]:631` or `127.0.0.1:8632`.
    public init(parsing text: String) throws(DeviceError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw DeviceError(
                "cannot read CUPS server address \"\(text)\": it is empty; write a socket path or host[:port]")
        }
        if trimmed.hasPrefix("/") {
            self.init(host: trimmed, port: 0)
            return
        }
        var host = trimmed
        var port = 631
        if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let value = Int(rest.dropFirst()), (1...65535).contains(value) else {
                    throw DeviceError("cannot read CUPS server address \"\(text)\": the port is not a number 1–65535")
                }
                port = value
            }
        } else if let colon = trimmed.lastIndex(of: ":"), trimmed.firstIndex(of: ":") == colon {
            host = String(trimmed[..<colon])
            guard let value = Int(trimmed[trimmed.index(after: colon)...]), (1...65535).contains(value) else {
                throw DeviceError("cannot read CUPS server address \"\(text)\": the port is not a number 1–65535")
            }
            port = value
        }
        guard !host.isEmpty else {
            throw DeviceError("cannot read CUPS server address \"\(text)\": the host is empty")
        }
        self.init(host: host, port: port)
    }

    public var isLocalSocket: Bool { host.hasPrefix("/") }

    public var description: String { isLocalSocket ? host : "\(host):\(port)" }
}
