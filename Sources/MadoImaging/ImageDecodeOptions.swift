// SPDX-License-Identifier: Apache-2.0
// Limits and rendering choices for decoding scans, checked before anything large is allocated.

/// How far the decoder goes for one upload. The defaults allow A3 at 600 dpi (7016 × 9921) and refuse the
/// decompression bombs and mistaken photo uploads that would otherwise exhaust the daemon's memory.
public struct ImageDecodeOptions: Sendable, Equatable {
    /// The longest side a page may have, in pixels.
    public var maxSide: Int
    /// The most pixels a page may have.
    public var maxPixels: Int
    /// The most pages one file may hold (multi-page TIFF, PDF, concatenated PNM).
    public var maxPages: Int
    /// The resolution PDF pages are rendered at; the mark reader works from 150 to 600 dpi.
    public var pdfDPI: Double

    public init(maxSide: Int = 12_000, maxPixels: Int = 150_000_000, maxPages: Int = 500, pdfDPI: Double = 200) {
        self.maxSide = maxSide
        self.maxPixels = maxPixels
        self.maxPages = maxPages
        self.pdfDPI = pdfDPI
    }

    /// Nil when a page of this size may be allocated, else the reason to refuse it.
    func refusal(width: Int, height: Int) -> ImageDecodeError.Reason? {
        if width <= 0 || height <= 0 { return .invalidSize(width: width, height: height) }
        // Compare the sides first so that the product cannot overflow.
        if width > maxSide || height > maxSide || width * height > maxPixels {
            return .tooLarge(width: width, height: height, maxSide: maxSide, maxPixels: maxPixels)
        }
        return nil
    }
}
