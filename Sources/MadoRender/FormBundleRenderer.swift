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

/// One document of a bundle printed as separate jobs.
public struct RenderedFormDocument: Sendable, Equatable {
    /// The form's id, or `cover` for the cover sheet.
    public let formID: String
    /// The fixed title (住民異動届); never resident data, so it may be shown as a print job's name.
    public let title: String
    public let rendered: RenderedFormBundle
}

public enum FormBundleRenderer {
    /// Draws the cover sheet, then every form of every procedure, into one A4 PDF with IPAex fonts
    /// embedded. Throws `FormFillError`: `.doesNotFit` / `.missingGlyph` naming `<form>.<field>`,
    /// `.drawingFailed` when cairo fails.
    public static func render(_ bundle: FormBundle) throws(FormFillError) -> RenderedFormBundle {
        FormFontMap.lock.lock()
        defer { FormFontMap.lock.unlock() }
        guard let writer = A4PDFDocument(title: "\(bundle.eventName) お手続き書類"),
            let text = FormTextDrawer(cairo: writer.cairo)
        else {
            throw FormFillError(
                .drawingFailed, form: "bundle", "cannot start a PDF: cairo or pango could not be set up")
        }
        defer { text.releaseDocumentLayouts() }
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

    /// The cover sheet alone (its note still counts the bundle's form pages), for printing the cover
    /// and each form as separate jobs so that a jammed form can be reprinted by itself.
    public static func renderCoverSheet(_ bundle: FormBundle) throws(FormFillError) -> RenderedFormBundle {
        FormFontMap.lock.lock()
        defer { FormFontMap.lock.unlock() }
        guard let writer = A4PDFDocument(title: "\(bundle.eventName) お手続きのご案内"),
            let text = FormTextDrawer(cairo: writer.cairo)
        else {
            throw FormFillError(.drawingFailed, form: "cover", "cannot start a PDF: cairo or pango could not be set up")
        }
        defer { text.releaseDocumentLayouts() }
        try CoverSheetRenderer(writer: writer, text: text).draw(bundle)
        let pages = writer.pageCount
        guard let pdf = writer.finish() else {
            throw FormFillError(.drawingFailed, form: "cover", "cairo could not finish the PDF")
        }
        return RenderedFormBundle(pdf: pdf, pageCount: pages, coverPageCount: pages)
    }

    /// The bundle as separate documents in print order: the cover sheet (id `cover`), then one PDF per
    /// form (its form id and title).
    public static func renderDocuments(_ bundle: FormBundle) throws(FormFillError) -> [RenderedFormDocument] {
        FormFontMap.lock.lock()
        defer { FormFontMap.lock.unlock() }
        var documents = [
            RenderedFormDocument(
                formID: "cover", title: "\(bundle.eventName) お手続きのご案内", rendered: try renderCoverSheet(bundle))
        ]
        for form in bundle.procedures.flatMap(\.forms) {
            documents.append(
                RenderedFormDocument(
                    formID: form.formID, title: form.title, rendered: try render(forms: [form], title: form.title)))
        }
        return documents
    }

    /// Draws forms without a cover sheet (a single form reprinted, or a test of one template).
    public static func render(forms: [FormFillResult], title: String) throws(FormFillError) -> RenderedFormBundle {
        FormFontMap.lock.lock()
        defer { FormFontMap.lock.unlock() }
        guard let writer = A4PDFDocument(title: title), let text = FormTextDrawer(cairo: writer.cairo) else {
            throw FormFillError(
                .drawingFailed, form: "bundle", "cannot start a PDF: cairo or pango could not be set up")
        }
        defer { text.releaseDocumentLayouts() }
        let renderer = FormRenderer(writer: writer, text: text)
        for form in forms { try renderer.draw(form) }
        let pages = writer.pageCount
        guard let pdf = writer.finish() else {
            throw FormFillError(.drawingFailed, form: "bundle", "cairo could not finish the PDF")
        }
        return RenderedFormBundle(pdf: pdf, pageCount: pages, coverPageCount: 0)
    }
}
