// SPDX-License-Identifier: Apache-2.0
// An 8-bit grayscale picture: what scanned answer sheets are decoded into and what the mark reader reads.

/// An 8-bit grayscale image, row-major, 0 = black and 255 = white.
public struct GrayImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width * height` bytes, row after row from the top.
    public var pixels: [UInt8]

    /// Wraps decoded pixels; `pixels.count` must equal `width * height`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "GrayImage: negative size \(width) × \(height)")
        precondition(pixels.count == width * height, "GrayImage: \(pixels.count) bytes for \(width) × \(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A blank image of one grey level (white unless told otherwise).
    public init(width: Int, height: Int, fill: UInt8 = 255) {
        precondition(width >= 0 && height >= 0, "GrayImage: negative size \(width) × \(height)")
        self.width = width
        self.height = height
        self.pixels = [UInt8](repeating: fill, count: width * height)
    }

    public subscript(x: Int, y: Int) -> UInt8 {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "GrayImage: (\(x), \(y)) outside the image")
            return pixels[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "GrayImage: (\(x), \(y)) outside the image")
            pixels[y * width + x] = newValue
        }
    }
}
