// SPDX-License-Identifier: Apache-2.0
// The daemon's entry point for forms: a bundle (cover sheet + filled forms) → one vector PDF.
public import Foundation
public import MadoCore

/// A rendered bundle: the PDF to print and how many A4 pages it has (for the print job and the screen).
public struct RenderedFormBundle: Sendable, Equatable {
    public let pdf: Data
    public let pageCount: Int
    /// The cover sheet's pages, at the start.
    public let coverPageCount: Int
}

public enum FormBundleRenderer {
    /// Draws the cover sheet, then every form of every procedure, into one A4 PDF with IPAex fonts
    /// embedded. Throws `FormFillError`: `.doesNotFit` / `.missingGlyph` naming `<form>.<field>`,
    /// `.drawingFailed` when cairo fails.
    public static func render(_ bundle: FormBundle) throws(FormFillError) -> RenderedFormBundle {
        guard let writer = FormPDFWriter(title: "\(bundle.eventName) お手続き書類"),
            let text = FormTextDrawer(cairo: writer.cairo)
        else {
            throw FormFillError(
                .drawingFailed, form: "bundle", "cannot start a PDF: cairo or pango could not be set up")
        }
        try CoverSheetRenderer(writer: writer, text: text).draw(bundle)
        let coverPages = writer.pageCount
        let forms = FormRenderer(writer: writer, text: text)
        for procedure in bundle.procedures {
            for form in procedure.forms { try forms.draw(form) }
        }
        let pages = writer.pageCount
        guard let pdf = writer.finish() else {
            throw FormFillError(.drawingFailed, form: "bundle", "cairo could not finish the PDF")
        }
        return RenderedFormBundle(pdf: pdf, pageCount: pages, coverPageCount: coverPages)
    }

    /// Draws forms without a cover sheet (a single form reprinted, or a test of one template).
    public static func render(forms: [FormFillResult], title: String) throws(FormFillError) -> RenderedFormBundle {
        guard let writer = FormPDFWriter(title: title), let text = FormTextDrawer(cairo: writer.cairo) else {
            throw FormFillError(
                .drawingFailed, form: "bundle", "cannot start a PDF: cairo or pango could not be set up")
        }
        let renderer = FormRenderer(writer: writer, text: text)
        for form in forms { try renderer.draw(form) }
        let pages = writer.pageCount
        guard let pdf = writer.finish() else {
            throw FormFillError(.drawingFailed, form: "bundle", "cairo could not finish the PDF")
        }
        return RenderedFormBundle(pdf: pdf, pageCount: pages, coverPageCount: 0)
    }
}
