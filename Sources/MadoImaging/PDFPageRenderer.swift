// SPDX-License-Identifier: Apache-2.0
// PDF scans (what copiers e-mail) rendered page by page through poppler-glib into cairo, then to grayscale.

internal import CPoppler
import Foundation
import MadoCore
import Synchronization

enum PDFPageRenderer {
    /// poppler's global state (GlobalParams, font caches) is set up on first use and is not safe to race;
    /// one PDF is rendered at a time. Pages take tens of milliseconds, uploads are rare.
    private static let popplerLock = Mutex(())

    static func decode(_ data: Data, options: ImageDecodeOptions) -> Result<DecodedPages, ImageDecodeError.Reason> {
        popplerLock.withLock { _ in render(data, options: options) }
    }

    private static func render(_ data: Data, options: ImageDecodeOptions) -> Result<
        DecodedPages, ImageDecodeError.Reason
    > {
        let bytes = data.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            guard let error else { return .failure(.damaged("poppler cannot open it")) }
            let message = String(cString: error.pointee.message)
            if error.pointee.domain == poppler_error_quark()
                && error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
            {
                return .failure(.passwordProtected)
            }
            return .failure(.damaged(message))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let pageCount = Int(poppler_document_get_n_pages(document))
        guard pageCount > 0 else { return .failure(.noPages) }
        guard pageCount <= options.maxPages else {
            return .failure(.tooManyPages(count: pageCount, limit: options.maxPages))
        }
        return .success((0..<pageCount).map { renderPage(document, index: $0, options: options) })
    }

    private static func renderPage(
        _ document: OpaquePointer, index: Int, options: ImageDecodeOptions
    ) -> Result<GrayImage, ImageDecodeError.Reason> {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            return .failure(.damaged("poppler cannot find the page"))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var widthPoints = 0.0
        var heightPoints = 0.0
        poppler_page_get_size(page, &widthPoints, &heightPoints)
        let scale = options.pdfDPI / 72
        guard widthPoints.isFinite, heightPoints.isFinite, widthPoints * scale < 1e9, heightPoints * scale < 1e9 else {
            return .failure(.damaged("the page has no usable size"))
        }
        let width = Int((widthPoints * scale).rounded())
        let height = Int((heightPoints * scale).rounded())
        if let refusal = options.refusal(width: width, height: height) { return .failure(refusal) }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return .failure(.damaged("cairo cannot make a page surface"))
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            return .failure(.damaged("cairo cannot make a \(width) × \(height) page surface"))
        }
        let context = cairo_create(surface)
        // Paper is white where the PDF paints nothing.
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render(page, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        guard let base = cairo_image_surface_get_data(surface) else {
            return .failure(.damaged("cairo gave no pixels for the page"))
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { output, count in
            for y in 0..<height {
                let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    // CAIRO_FORMAT_RGB24 is 0x00RRGGBB in a native-endian word.
                    let value = row[x]
                    output[y * width + x] = luminance(
                        red: UInt8((value >> 16) & 0xFF), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
                }
            }
            count = width * height
        }
        return .success(GrayImage(width: width, height: height, pixels: pixels))
    }
}
