// SPDX-License-Identifier: Apache-2.0
// A rendered receipt: the dots a printer would put on the paper, as a picture tests and people can check.
public import Foundation

/// A picture of printed paper, `width` dots wide (576 for 80 mm paper, 384 for 58 mm) and as tall as the
/// content. Produced by `ESCPOSPageRenderer` from decoded commands; golden tests compare these exactly.
public struct ESCPOSPage: Equatable, Sendable {
    public static let width80mm = 576
    public static let width58mm = 384

    public let width: Int
    public private(set) var height: Int
    /// One byte per dot, row-major; 1 is ink, 0 is paper.
    public private(set) var dots: [UInt8]
    /// Rows at which the paper was cut, top to bottom.
    public internal(set) var cuts: [Int] = []

    public init(width: Int, height: Int = 0) {
        precondition(width > 0 && height >= 0, "a page needs a positive width")
        self.width = width
        self.height = height
        self.dots = [UInt8](repeating: 0, count: width * height)
    }

    /// A page from stored dots (one byte per dot, row-major, nonzero is ink), e.g. a golden picture read
    /// back from a PNG. Returns nil when `dots` is not `width × height` long.
    public init?(width: Int, height: Int, dots: [UInt8]) {
        guard width > 0, height >= 0, dots.count == width * height else { return nil }
        self.width = width
        self.height = height
        self.dots = dots.map { $0 == 0 ? 0 : 1 }
    }

    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return dots[y * width + x] != 0
    }

    /// Inks a dot, growing the page downwards if needed; dots outside the width are dropped as on paper.
    public mutating func setDot(x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0 else { return }
        if y >= height { extend(to: y + 1) }
        dots[y * width + x] = 1
    }

    /// Makes the page at least `newHeight` rows tall (paper fed without printing).
    public mutating func extend(to newHeight: Int) {
        guard newHeight > height else { return }
        dots += [UInt8](repeating: 0, count: (newHeight - height) * width)
        height = newHeight
    }

    public mutating func fillRectangle(x: Int, y: Int, width w: Int, height h: Int) {
        guard w > 0, h > 0 else { return }
        extend(to: y + h)
        for row in max(0, y)..<(y + h) {
            for column in max(0, x)..<min(width, x + w) { dots[row * width + column] = 1 }
        }
    }

    /// The outline of a rectangle, `thickness` dots wide, inside the given bounds.
    public mutating func strokeRectangle(x: Int, y: Int, width w: Int, height h: Int, thickness: Int = 1) {
        guard w > 0, h > 0 else { return }
        let t = min(thickness, (min(w, h) + 1) / 2)
        fillRectangle(x: x, y: y, width: w, height: t)
        fillRectangle(x: x, y: y + h - t, width: w, height: t)
        fillRectangle(x: x, y: y, width: t, height: h)
        fillRectangle(x: x + w - t, y: y, width: t, height: h)
    }

    public var inkedDotCount: Int { dots.reduce(0) { $0 + Int($1) } }

    /// Inks the set dots of `bitmap` with its top-left corner at (`x`, `y`), growing the page downwards;
    /// only its top-left `clipWidth` × `clipHeight` dots are drawn, and dots outside the paper are dropped.
    public mutating func draw(_ bitmap: ESCPOSBitmap, x: Int, y: Int, clipWidth: Int = .max, clipHeight: Int = .max) {
        let visibleWidth = min(bitmap.width, clipWidth)
        let visibleHeight = min(bitmap.height, clipHeight)
        guard visibleWidth > 0, visibleHeight > 0 else { return }
        extend(to: y + visibleHeight)
        for row in 0..<visibleHeight where y + row >= 0 {
            for column in 0..<visibleWidth where bitmap[column, row] {
                let pageX = x + column
                if pageX >= 0 && pageX < width { dots[(y + row) * width + pageX] = 1 }
            }
        }
    }

    /// The number of dots in which two pages differ, counting every dot of the taller page's extra rows
    /// as different; nil when their widths differ. Golden tests want 0.
    public func differingDotCount(from other: ESCPOSPage) -> Int? {
        guard other.width == width else { return nil }
        let common = min(height, other.height) * width
        var count = abs(height - other.height) * width
        for index in 0..<common where dots[index] != other.dots[index] { count += 1 }
        return count
    }

    /// The first row in which two pages of one width differ, for a failure message; nil when they are equal.
    public func firstDifferingRow(from other: ESCPOSPage) -> Int? {
        for y in 0..<max(height, other.height) {
            for x in 0..<width where self[x, y] != other[x, y] { return y }
        }
        return nil
    }

    /// The page as a binary PGM (P5) image: black ink on white paper. Any image viewer opens it, and it
    /// needs no C library; PNG conversion belongs to the rendering adapter.
    public func pgm() -> Data {
        var data = Data("P5\n\(width) \(max(height, 1))\n255\n".utf8)
        data.reserveCapacity(data.count + width * max(height, 1))
        if height == 0 {
            data.append(contentsOf: [UInt8](repeating: 255, count: width))
        } else {
            data.append(contentsOf: dots.map { $0 == 0 ? 255 : 0 })
        }
        return data
    }

    /// Rows `range` as text, "#" for ink and "." for paper: for readable test failures.
    public func asciiArt(rows range: Range<Int>) -> String {
        range.clamped(to: 0..<height).map { y in
            String((0..<width).map { self[$0, y] ? "#" : "." })
        }.joined(separator: "\n")
    }
}
