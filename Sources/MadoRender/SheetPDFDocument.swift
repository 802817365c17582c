// SPDX-License-Identifier: Apache-2.0
// A cairo PDF surface of A4 answer-sheet pages written into memory: the one owner of surface and context.
internal import CCairo
internal import Foundation
internal import MadoCore

/// Collects the bytes cairo streams out. Only the rendering thread touches it, during one render.
private final class SheetPDFBytes {
    var data = Data()
}

/// One answer-sheet PDF being drawn; user units start as PDF points (1/72 inch) from the top-left.
final class SheetPDFDocument {
    static let pointsPerMillimetre = 72 / 25.4

    let cairo: OpaquePointer
    private let surface: OpaquePointer
    private let sink: Unmanaged<SheetPDFBytes>
    private var finished = false

    init?(title: String) {
        let sink = Unmanaged.passRetained(SheetPDFBytes())
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<SheetPDFBytes>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                write, sink.toOpaque(), SheetLayoutPlanner.pageWidth * Self.pointsPerMillimetre,
                SheetLayoutPlanner.pageHeight * Self.pointsPerMillimetre),
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

    func endPage() { cairo_show_page(cairo) }

    /// Whether drawing has gone wrong so far (cairo's errors are sticky).
    var failed: Bool { cairo_status(cairo) != CAIRO_STATUS_SUCCESS }

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

    deinit {
        if !finished {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
            sink.release()
        }
    }
}
