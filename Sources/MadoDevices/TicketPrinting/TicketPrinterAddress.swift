// SPDX-License-Identifier: Apache-2.0
// Where a ticket printer is: the URI from the config, parsed into one of the three transports.

/// How madod reaches a ticket printer.
///
/// - `tcp://host[:port]`: a LAN printer's raw port (9100 when no port is given). IPv6 hosts in brackets.
/// - `usblp:///dev/usb/lp0`: the kernel usblp character device (or anything that behaves like it).
/// - `usb://04b8:0e15[?serial=XYZ]`: libusb directly, for hosts where usblp is not loaded or is in the way;
///   the serial picks one of several identical printers.
public enum TicketPrinterAddress: Sendable, Hashable, CustomStringConvertible {
    case tcp(host: String, port: UInt16)
    case usblp(path: String)
    case usb(vendorID: UInt16, productID: UInt16, serial: String?)

    public static let defaultTCPPort: UInt16 = 9100

    /// Parses a config value. The error's message says what is wrong and shows the accepted forms, so the
    /// caller can put it behind the config path (`ticketPrinters[0].uri: ...`).
    public init(parsing uri: String) throws(DeviceError) {
        func bad(_ why: String) -> DeviceError {
            DeviceError("cannot read ticket printer address \"\(uri)\": \(why)")
        }
        let pieces = uri.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2 else {
            throw bad("expected tcp://HOST[:PORT], usblp:///dev/usb/lpN or usb://VID:PID[?serial=S]")
        }
        let scheme = pieces[0].lowercased()
        let rest = String(pieces[1])
        switch scheme {
        case "tcp":
            self = try Self.parseTCP(rest, bad)
        case "usblp":
            guard rest.hasPrefix("/"), rest.count > 1 else {
                throw bad("expected an absolute device path after usblp://, e.g. usblp:///dev/usb/lp0")
            }
            guard !rest.contains("?"), !rest.contains("#") else { throw bad("a usblp path takes no query") }
            self = .usblp(path: rest)
        case "usb":
            self = try Self.parseUSB(rest, bad)
        default:
            throw bad("unknown scheme \"\(scheme)\"; use tcp, usblp or usb")
        }
    }

    private static func parseTCP(_ rest: String, _ bad: (String) -> DeviceError) throws(DeviceError) -> Self {
        var authority = Substring(rest)
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.isEmpty else { throw bad("expected a host after tcp://") }
        guard !authority.contains("/"), !authority.contains("?"), !authority.contains("@") else {
            throw bad("expected only HOST[:PORT] after tcp://")
        }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw bad("an IPv6 host needs a closing ]") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw bad("expected :PORT after the IPv6 host") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw bad("expected a host after tcp://") }
        var port = defaultTCPPort
        if let portText {
            guard let number = UInt16(portText), number > 0 else {
                throw bad("port \"\(portText)\" is not a number from 1 to 65535")
            }
            port = number
        }
        return .tcp(host: String(host), port: port)
    }

    private static func parseUSB(_ rest: String, _ bad: (String) -> DeviceError) throws(DeviceError) -> Self {
        let form = "expected usb://VID:PID[?serial=S] with 4-digit hexadecimal IDs, e.g. usb://04b8:0e15"
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var ids = parts[0]
        if ids.hasSuffix("/") { ids = ids.dropLast() }
        let pair = ids.split(separator: ":", omittingEmptySubsequences: false)
        guard pair.count == 2, pair.allSatisfy({ $0.count == 4 }),
            let vendor = UInt16(pair[0], radix: 16), let product = UInt16(pair[1], radix: 16)
        else { throw bad(form) }
        var serial: String?
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") {
                let keyValue = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard keyValue.count == 2, keyValue[0] == "serial", !keyValue[1].isEmpty else {
                    throw bad("unknown query \"\(item)\"; only serial=S is accepted")
                }
                guard let decoded = String(keyValue[1]).removingPercentEncodingLite() else {
                    throw bad("serial \"\(keyValue[1])\" has a broken %-escape")
                }
                serial = decoded
            }
        }
        return .usb(vendorID: vendor, productID: product, serial: serial)
    }

    /// The URI in its canonical form, as it appears in log lines and status messages.
    public var description: String {
        switch self {
        case .tcp(let host, let port):
            let shown = host.contains(":") ? "[\(host)]" : host
            return "tcp://\(shown):\(port)"
        case .usblp(let path):
            return "usblp://\(path)"
        case .usb(let vendor, let product, let serial):
            let ids = "usb://\(Self.hex4(vendor)):\(Self.hex4(product))"
            return serial.map { "\(ids)?serial=\($0)" } ?? ids
        }
    }

    static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

extension String {
    /// %XX decoding without Foundation, for the one query value a printer address has.
    fileprivate func removingPercentEncodingLite() -> String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
