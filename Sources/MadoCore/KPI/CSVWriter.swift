// SPDX-License-Identifier: Apache-2.0
// RFC 4180 CSV text for open-data exports, in a form Excel opens correctly.

/// Builds CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
/// With `byteOrderMark`, the text starts with U+FEFF so that Excel reads Japanese as UTF-8.
/// Numbers are written digit by digit into a byte buffer: a year of hourly rows is ~80,000 lines.
public struct CSVWriter: Sendable {
    private var bytes: [UInt8] = []
    private var fieldsInRow = 0

    public init(byteOrderMark: Bool = false) {
        if byteOrderMark { bytes += [0xEF, 0xBB, 0xBF] }
    }

    /// The CSV text so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes a whole row of text fields.
    public mutating func row(_ fields: [String]) {
        for field in fields { self.field(field) }
        endRow()
    }

    public mutating func field(_ text: String) {
        separate()
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
            bytes += utf8
            return
        }
        bytes.append(34)
        for byte in utf8 {
            if byte == 34 { bytes.append(34) }
            bytes.append(byte)
        }
        bytes.append(34)
    }

    public mutating func field(_ number: Int) {
        separate()
        appendDigits(number)
    }

    /// "2026-12-03"
    public mutating func field(_ day: BusinessDay) {
        separate()
        appendDigits(day.year)
        bytes.append(45)
        appendDigits(day.month, width: 2)
        bytes.append(45)
        appendDigits(day.day, width: 2)
    }

    /// A number with a fixed number of decimals, locale-free; an empty field for nil.
    public mutating func field(_ value: Double?, places: Int) {
        separate()
        guard let value, value.isFinite else { return }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        if value < 0 && scaled > 0 { bytes.append(45) }
        appendDigits(scaled / scale)
        if places > 0 {
            bytes.append(46)
            appendDigits(scaled % scale, width: places)
        }
    }

    /// Seconds as minutes with one decimal ("12.5"); an empty field for nil.
    public mutating func minutes(_ seconds: Double?) {
        field(seconds.map { $0 / 60 }, places: 1)
    }

    public mutating func endRow() {
        bytes += [13, 10]
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(44) }
        fieldsInRow += 1
    }

    private mutating func appendDigits(_ number: Int, width: Int = 1) {
        if number < 0 {
            bytes.append(45)
            appendDigits(-number, width: width)
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var n = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            } while n > 0 && count < 20
            for _ in count..<max(count, width) { bytes.append(48) }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// One field as it would be written (quoted only when needed).
    public static func escape(_ field: String) -> String {
        var writer = CSVWriter()
        writer.field(field)
        return writer.text
    }
}
