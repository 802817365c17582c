// SPDX-License-Identifier: Apache-2.0
// A cairo PDF surface of A4 pages written into memory (forms and answer sheets): the one owner of the
// surface and its context.
internal import CCairo
internal import Foundation
internal import MadoCore

/// Collects the bytes cairo streams out. Only the writer's thread touches it, during one render.
private final class PDFByteSink {
    var data = Data()
}

/// One PDF document being drawn. Coordinates are PDF points (1/72 inch) from the page's top-left.
final class A4PDFDocument {
    static let pointsPerMillimetre = 72 / 25.4
    /// A4 portrait in points.
    static let pageWidth = 210 * pointsPerMillimetre
    static let pageHeight = 297 * pointsPerMillimetre

    let cairo: OpaquePointer
    private let surface: OpaquePointer
    private let sink: Unmanaged<PDFByteSink>
    private(set) var pageCount = 0
    private var finished = false

    init?(title: String) {
        let sink = Unmanaged.passRetained(PDFByteSink())
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                write, sink.toOpaque(), Self.pageWidth, Self.pageHeight),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else {
            sink.release()
            return nil
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "mado")
        guard let cairo = cairo_create(surface), cairo_status(cairo) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            sink.release()
            return nil
        }
        self.surface = surface
        self.cairo = cairo
        self.sink = sink
    }

    /// Ends the current page (if one was drawn on) and counts it.
    func endPage() {
        cairo_show_page(cairo)
        pageCount += 1
    }

    /// Finishes the document and returns its bytes; nil when cairo reports an error.
    func finish() -> Data? {
        guard !finished else { return nil }
        finished = true
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        let data = sink.takeUnretainedValue().data
        sink.release()
        return status == CAIRO_STATUS_SUCCESS ? data : nil
    }

    /// Whether drawing so far has gone wrong (cairo's errors are sticky; checked once per page).
    var failed: Bool { cairo_status(cairo) != CAIRO_STATUS_SUCCESS }

    deinit {
        if !finished {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
            sink.release()
        }
    }

    /// Millimetres → points.
    static func pt(_ mm: Double) -> Double { mm * FieldFit.pointsPerMillimetre }
}
