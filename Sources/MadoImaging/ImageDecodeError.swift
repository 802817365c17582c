// SPDX-License-Identifier: Apache-2.0
// The one error type of MadoImaging: which file format, which page, and why it could not be read.

/// Why a scanned file or one of its pages could not be turned into a grayscale image.
///
/// Messages name the format, the page and the reason in words a technician can act on; they never contain
/// pixel data or anything read from the page, so no student data can leak into a log.
public struct ImageDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An `Error` too, so that the per-format decoders can pass it in a `Result` before the page is known.
    public enum Reason: Error, Sendable, Equatable {
        /// The file has no bytes at all.
        case empty
        /// The first bytes match none of the formats read here; `knownAs` names a recognised but unsupported one.
        case unrecognizedFormat(knownAs: String?)
        /// The header declares a size beyond the limits; nothing was allocated for it.
        case tooLarge(width: Int, height: Int, maxSide: Int, maxPixels: Int)
        /// The header declares an empty or impossible size (0 × 0, negative).
        case invalidSize(width: Int, height: Int)
        /// The data ends before the image does (an interrupted upload or copy).
        case truncated(String)
        /// The data is inconsistent; the decoder's own words.
        case damaged(String)
        /// A valid file of a kind that is not supported (CMYK JPEG, 12-bit samples …).
        case unsupported(String)
        /// The PDF needs a password.
        case passwordProtected
        /// A document with no pages.
        case noPages
        /// More pages than one upload may hold.
        case tooManyPages(count: Int, limit: Int)
        /// Writing an image (PNG, JPEG) failed; the encoder's own words.
        case encodingFailed(String)
    }

    /// The format the bytes were sniffed as, or nil when that failed.
    public var format: ScannedImageFormat?
    /// 1-based page number; nil when the file as a whole could not be read.
    public var page: Int?
    public var reason: Reason

    public init(format: ScannedImageFormat?, page: Int?, reason: Reason) {
        self.format = format
        self.page = page
        self.reason = reason
    }

    public var description: String {
        if case .encodingFailed(let detail) = reason {
            return "cannot encode the image as \(format?.displayName ?? "an image"): \(detail)"
        }
        let formatName = format.map { "\($0.displayName) file" } ?? "file"
        let subject = page.map { "page \($0) of the \(formatName)" } ?? "the \(formatName)"
        return "cannot read \(subject): \(reasonText)"
    }

    private var reasonText: String {
        switch reason {
        case .empty:
            return "the file is empty (0 bytes); upload the scan again"
        case .unrecognizedFormat(let knownAs?):
            return "\(knownAs) images are not supported; save the scan as PDF, PNG, JPEG, TIFF or PNM"
        case .unrecognizedFormat(nil):
            return "it is not a PDF, PNG, JPEG, TIFF or PNM image (unrecognised first bytes)"
        case .tooLarge(let width, let height, let maxSide, let maxPixels):
            return "the image is \(width) × \(height) pixels, beyond the limit of \(maxSide) pixels a side and "
                + "\(maxPixels / 1_000_000) megapixels; scan at 200–300 dpi"
        case .invalidSize(let width, let height):
            return "the header declares an impossible size of \(width) × \(height) pixels"
        case .truncated(let detail):
            return "the data ends early (\(detail)); the file was cut off, upload or copy it again"
        case .damaged(let detail):
            return "the data is damaged (\(detail))"
        case .unsupported(let detail):
            return detail
        case .passwordProtected:
            return "the PDF is password-protected; scan without a password"
        case .noPages:
            return "the document has no pages"
        case .tooManyPages(let count, let limit):
            return "it has \(count) pages, more than the \(limit) one upload may hold; split the batch"
        case .encodingFailed(let detail):
            return detail
        }
    }
}
