// SPDX-License-Identifier: Apache-2.0
// Answer sheets as an A4 PDF for printing, or as a grey raster for tests and synthetic scans.
internal import CCairo
public import Foundation
public import MadoCore

/// Draws an exam's answer sheets as `SheetLayoutPlanner` planned them: the layouts a caller holds (and
/// the reader will read against) must be the exam's current plan, so a printed sheet always matches its
/// layout.json.
public enum SheetRenderer {
    /// At most this many pages in one PDF (a year's worth of classes; more is a typing mistake).
    public static let maximumPages = 5000
    public static let dpiRange: ClosedRange<Double> = 50...1200

    /// The sheets of `exam`: every page once per copy, or once per student with that student's number
    /// pre-printed (in the QR code and the write-in cells; the grid stays, for a cross-check).
    /// `studentNumbers` replaces `copies` when given.
    public static func pdf(
        exam: ExamDefinition, layouts: [SheetLayout], copies: Int = 1, studentNumbers: [String]? = nil
    ) throws(RenderError) -> Data {
        let pages = try matchingPlan(exam: exam, layouts: layouts)
        let sets: [String?]
        if let studentNumbers {
            guard !studentNumbers.isEmpty else {
                throw RenderError(.drawingFailed, "no student numbers were given for the sheets of exam \(exam.id)")
            }
            for (i, number) in studentNumbers.enumerated() {
                try checkStudentNumber(number, exam: exam, index: i)
            }
            sets = studentNumbers
        } else {
            guard copies >= 1 else {
                throw RenderError(
                    .drawingFailed, "cannot print \(copies) copies of exam \(exam.id): at least 1 is needed")
            }
            sets = Array(repeating: nil, count: copies)
        }
        guard sets.count * pages.count <= maximumPages else {
            throw RenderError(
                .drawingFailed,
                "\(sets.count) copies of the \(pages.count)-page exam \(exam.id) exceed \(maximumPages) pages in one PDF; print in parts"
            )
        }
        guard let document = A4PDFDocument(title: "\(exam.title) 解答用紙") else {
            throw RenderError(.drawingFailed, "cannot start the answer-sheet PDF of exam \(exam.id) (cairo)")
        }
        // Millimetres from here on; the scale outlives cairo_show_page.
        cairo_scale(document.cairo, A4PDFDocument.pointsPerMillimetre, A4PDFDocument.pointsPerMillimetre)
        guard let text = SheetTextDrawer(cairo: document.cairo) else {
            throw RenderError(.drawingFailed, "cannot set up pango for the answer sheets of exam \(exam.id)")
        }
        let painter = SheetPainter(cairo: document.cairo, text: text)
        for studentNumber in sets {
            for page in pages {
                let code = try qrCode(for: page.layout, studentNumber: studentNumber)
                painter.paint(page, exam: exam, studentNumber: studentNumber, qrCode: code)
                document.endPage()
            }
            if document.failed {
                throw RenderError(.drawingFailed, "cairo failed while drawing the answer sheets of exam \(exam.id)")
            }
        }
        guard let data = document.finish() else {
            throw RenderError(.drawingFailed, "cairo could not finish the answer-sheet PDF of exam \(exam.id)")
        }
        return data
    }

    /// One page as the 8-bit grey image a scanner would give at `dpi` for a perfect scan (0 black, 255
    /// white), anti-aliased as printing and scanning blur edges.
    public static func raster(
        exam: ExamDefinition, layout: SheetLayout, dpi: Double = 200, studentNumber: String? = nil
    ) throws(RenderError) -> GrayImage {
        let surface = try drawnSurface(exam: exam, layout: layout, dpi: dpi, studentNumber: studentNumber)
        defer { cairo_surface_destroy(surface) }
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw RenderError(.drawingFailed, "cairo gave no pixels for page \(layout.page) of exam \(exam.id)")
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    // RGB24 is 0x00RRGGBB in native order. Everything is drawn in greys, but weigh the
                    // channels as luma in case a colour ever creeps in.
                    let pixel = row[x]
                    let r = (pixel >> 16) & 0xFF
                    let g = (pixel >> 8) & 0xFF
                    let b = pixel & 0xFF
                    out[y * width + x] = UInt8((r * 77 + g * 150 + b * 29) >> 8)
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// One page as a PNG at `dpi`: a preview for a browser, or a perfect "scan" to feed the reader.
    public static func png(
        exam: ExamDefinition, layout: SheetLayout, dpi: Double = 100, studentNumber: String? = nil
    ) throws(RenderError) -> Data {
        let surface = try drawnSurface(exam: exam, layout: layout, dpi: dpi, studentNumber: studentNumber)
        defer { cairo_surface_destroy(surface) }
        let sink = Unmanaged.passRetained(SheetPNGBytes())
        defer { sink.release() }
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<SheetPNGBytes>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        guard cairo_surface_write_to_png_stream(surface, write, sink.toOpaque()) == CAIRO_STATUS_SUCCESS else {
            throw RenderError(.cannotWriteImage, "cannot encode page \(layout.page) of exam \(exam.id) as PNG")
        }
        return sink.takeUnretainedValue().data
    }

    /// An RGB24 image surface with the page drawn on it; the caller destroys it.
    private static func drawnSurface(
        exam: ExamDefinition, layout: SheetLayout, dpi: Double, studentNumber: String?
    ) throws(RenderError) -> OpaquePointer {
        guard dpiRange.contains(dpi) else {
            throw RenderError(
                .drawingFailed,
                "cannot draw an answer sheet at \(dpi) dpi: use \(Int(dpiRange.lowerBound)) to \(Int(dpiRange.upperBound))"
            )
        }
        let plan = try planned(exam)
        guard let page = plan.first(where: { $0.layout.page == layout.page }), page.layout == layout else {
            throw staleLayout(exam: exam, plan: plan, layouts: [layout])
        }
        if let studentNumber { try checkStudentNumber(studentNumber, exam: exam, index: 0) }
        let code = try qrCode(for: layout, studentNumber: studentNumber)
        let scale = dpi / 25.4
        let width = Int((layout.width * scale).rounded())
        let height = Int((layout.height * scale).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw RenderError(.drawingFailed, "cannot make a \(width) × \(height) image for exam \(exam.id)")
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw RenderError(.drawingFailed, "cannot make a \(width) × \(height) image for exam \(exam.id)")
        }
        defer { cairo_destroy(cairo) }
        cairo_scale(cairo, scale, scale)
        guard let text = SheetTextDrawer(cairo: cairo) else {
            cairo_surface_destroy(surface)
            throw RenderError(.drawingFailed, "cannot set up pango for the answer sheets of exam \(exam.id)")
        }
        SheetPainter(cairo: cairo, text: text).paint(page, exam: exam, studentNumber: studentNumber, qrCode: code)
        cairo_surface_flush(surface)
        guard cairo_status(cairo) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError(.drawingFailed, "cairo failed while drawing page \(layout.page) of exam \(exam.id)")
        }
        return surface
    }

    // MARK: Checks

    /// The page's QR code; a sheet without one could not be told from another exam's, so failing to make
    /// it fails the render.
    static func qrCode(for layout: SheetLayout, studentNumber: String?) throws(RenderError) -> SheetQRCode? {
        guard layout.qrCode != nil else { return nil }
        guard
            let payload = SheetQRPayload(
                examID: layout.examID ?? "", page: layout.page, layoutVersion: layout.layoutVersion,
                studentNumber: studentNumber),
            let code = SheetQRCode(text: payload.text)
        else {
            throw RenderError(
                .drawingFailed, "cannot make the QR code of page \(layout.page) of exam \(layout.examID ?? "(none)")")
        }
        return code
    }

    private static func planned(_ exam: ExamDefinition) throws(RenderError) -> [SheetLayoutPlanner.Page] {
        do {
            return try SheetLayoutPlanner.plan(for: exam)
        } catch {
            throw RenderError(.drawingFailed, "cannot lay out exam \(exam.id): \(error.message)")
        }
    }

    private static func matchingPlan(exam: ExamDefinition, layouts: [SheetLayout]) throws(RenderError)
        -> [SheetLayoutPlanner.Page]
    {
        let plan = try planned(exam)
        guard plan.map(\.layout) == layouts else { throw staleLayout(exam: exam, plan: plan, layouts: layouts) }
        return plan
    }

    private static func staleLayout(exam: ExamDefinition, plan: [SheetLayoutPlanner.Page], layouts: [SheetLayout])
        -> RenderError
    {
        let given = Set(layouts.map(\.layoutVersion)).sorted().map(String.init).joined(separator: ", ")
        return RenderError(
            .drawingFailed,
            "the layout given for exam \(exam.id) (version \(given.isEmpty ? "none" : given), \(layouts.count) pages) is not the exam's current layout (version \(plan.first?.layout.layoutVersion ?? 0), \(plan.count) pages); lay the exam out again before printing"
        )
    }

    /// Numbers are checked without repeating them: a student number is personal data.
    private static func checkStudentNumber(_ number: String, exam: ExamDefinition, index: Int) throws(RenderError) {
        guard number.count == exam.studentNumberDigits, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw RenderError(
                .drawingFailed,
                "student number \(index + 1) in the list is not \(exam.studentNumberDigits) digits (0–9), as exam \(exam.id) needs"
            )
        }
    }
}

/// Collects the bytes of one PNG as cairo streams them; touched only by the rendering thread.
private final class SheetPNGBytes {
    var data = Data()
}
