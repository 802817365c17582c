// SPDX-License-Identifier: Apache-2.0
// The one entry point for scanned files: sniff the format, check the limits, decode every page to grayscale.

public import Foundation
public import MadoCore

/// Turns an uploaded or scanned file (PDF, PNG, JPEG, TIFF, PNM) into one grayscale image per page.
///
/// Formats are told apart by their first bytes; the file name only sharpens the message when those match
/// nothing. Every size is checked against `ImageDecodeOptions` from the header, before pixels are allocated.
/// Damaged, truncated or foreign input gives an `ImageDecodeError` naming the page and the reason; it
/// never crashes, and nothing is printed to stderr. Safe to call from several threads at once.
public enum ScannedImageDecoder {
    /// Every page, or the first error (whole-file or page).
    public static func decode(
        _ data: Data, fileName: String? = nil, options: ImageDecodeOptions = ImageDecodeOptions()
    ) throws(ImageDecodeError) -> [GrayImage] {
        var images: [GrayImage] = []
        for page in try decodePages(data, fileName: fileName, options: options) {
            images.append(try page.get())
        }
        return images
    }

    /// One result per page, so a batch with one damaged page still yields the others. Throws only when the
    /// file as a whole cannot be read (empty, unknown format, unreadable structure, too many pages).
    public static func decodePages(
        _ data: Data, fileName: String? = nil, options: ImageDecodeOptions = ImageDecodeOptions()
    ) throws(ImageDecodeError) -> [Result<GrayImage, ImageDecodeError>] {
        guard !data.isEmpty else {
            throw ImageDecodeError(format: nil, page: nil, reason: .empty)
        }
        guard let format = ScannedImageFormat.sniff(data) else {
            throw unrecognized(data, fileName: fileName)
        }
        let decoded: Result<DecodedPages, ImageDecodeError.Reason>
        switch format {
        case .png: decoded = .success([PNGDecoder.decode(data, options: options)])
        case .jpeg: decoded = .success([JPEGDecoder.decode(data, options: options)])
        case .tiff: decoded = TIFFDecoder.decode(data, options: options)
        case .pnm: decoded = PNMDecoder.decode(data, options: options)
        case .pdf: decoded = PDFPageRenderer.decode(data, options: options)
        }
        switch decoded {
        case .failure(let reason):
            // A single-image format has exactly one page, so its failure is page 1's.
            let singlePage = format == .png || format == .jpeg
            throw ImageDecodeError(format: format, page: singlePage ? 1 : nil, reason: reason)
        case .success(let pages):
            return pages.enumerated().map { index, page in
                page.mapError { ImageDecodeError(format: format, page: index + 1, reason: $0) }
            }
        }
    }

    /// Names what the file is when it is a known but unsupported format, or what it was named to be.
    private static func unrecognized(_ data: Data, fileName: String?) -> ImageDecodeError {
        if let known = ScannedImageFormat.unsupportedName(data) {
            return ImageDecodeError(format: nil, page: nil, reason: .unrecognizedFormat(knownAs: known))
        }
        // Only the extension is looked at: the rest of a file name may be a student's name.
        let fileExtension = fileName.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        let named: ScannedImageFormat? =
            switch fileExtension {
            case "png": .png
            case "jpg", "jpeg": .jpeg
            case "tif", "tiff": .tiff
            case "pnm", "pgm", "pbm", "ppm": .pnm
            case "pdf": .pdf
            default: nil
            }
        if let named {
            return ImageDecodeError(
                format: named, page: nil,
                reason: .damaged(
                    "the name ends in .\(fileExtension) but the content does not start like a \(named.displayName) file"
                ))
        }
        return ImageDecodeError(format: nil, page: nil, reason: .unrecognizedFormat(knownAs: nil))
    }
}
