// SPDX-License-Identifier: Apache-2.0
// A 1-bit image in the row layout GS v 0 sends: 8 pixels per byte, most significant bit leftmost.

/// A monochrome image; `true` (bit set) is a printed (black) dot. Rows are padded to whole bytes, exactly
/// as GS v 0 carries them, so encoding is a copy.
public struct ESCPOSBitmap: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major, `bytesPerRow` bytes per row, MSB is the leftmost pixel; padding bits are zero.
    public private(set) var rows: [UInt8]

    public var bytesPerRow: Int { (width + 7) / 8 }

    /// A blank (white) bitmap.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "bitmap size must not be negative")
        self.width = width
        self.height = height
        self.rows = [UInt8](repeating: 0, count: (width + 7) / 8 * height)
    }

    /// A bitmap from GS v 0 row data. Returns nil if `rows` is not `bytesPerRow × height` long.
    /// Padding bits beyond `width` are cleared so that equal pictures compare equal.
    public init?(width: Int, height: Int, rows: [UInt8]) {
        guard width >= 0, height >= 0, rows.count == (width + 7) / 8 * height else { return nil }
        self.width = width
        self.height = height
        self.rows = rows
        let padding = (8 - width % 8) % 8
        if padding > 0 && width > 0 {
            let mask = UInt8(0xFF) << UInt8(padding)
            for row in 0..<height { self.rows[row * bytesPerRow + bytesPerRow - 1] &= mask }
        }
    }

    public subscript(x: Int, y: Int) -> Bool {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return false }
            return rows[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let index = y * bytesPerRow + x / 8
            let bit = UInt8(0x80) >> UInt8(x % 8)
            if newValue { rows[index] |= bit } else { rows[index] &= ~bit }
        }
    }

    /// Rows `range` as a bitmap of the same width (a GS v 0 strip).
    public func rows(_ range: Range<Int>) -> ESCPOSBitmap {
        let clamped = range.clamped(to: 0..<height)
        let bytes = Array(rows[clamped.lowerBound * bytesPerRow..<clamped.upperBound * bytesPerRow])
        return ESCPOSBitmap(width: width, height: clamped.count, rows: bytes)!
    }

    /// This bitmap with `other` appended below it. Both must have the same width.
    public func appending(_ other: ESCPOSBitmap) -> ESCPOSBitmap {
        precondition(other.width == width, "only bitmaps of one width can be stacked")
        return ESCPOSBitmap(width: width, height: height + other.height, rows: rows + other.rows)!
    }

    /// The number of printed dots (used by tests and by the renderer's sanity checks).
    public var blackDotCount: Int { rows.reduce(0) { $0 + $1.nonzeroBitCount } }
}
