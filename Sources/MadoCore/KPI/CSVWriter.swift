// SPDX-License-Identifier: Apache-2.0
// RFC 4180 CSV text for open-data exports, in a form Excel opens correctly.

/// Builds CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
/// With `byteOrderMark`, the text starts with U+FEFF so that Excel reads Japanese as UTF-8.
public struct CSVWriter: Sendable {
    public private(set) var text: String

    public init(byteOrderMark: Bool = false) {
        text = byteOrderMark ? "\u{FEFF}" : ""
    }

    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text += "," }
            text += Self.escape(field)
        }
        text += "\r\n"
    }

    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }

    /// Seconds as minutes with one decimal ("12.5"); empty for nil.
    public static func minutes(_ seconds: Double?) -> String {
        decimal(seconds.map { $0 / 60 }, places: 1)
    }

    /// A non-negative number with a fixed number of decimals, locale-free; empty for nil.
    public static func decimal(_ value: Double?, places: Int) -> String {
        guard let value, value.isFinite else { return "" }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard places > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
