// SPDX-License-Identifier: Apache-2.0
// Draws filled forms onto PDF pages: the printed furniture, then each field's value fitted to its box.
internal import CCairo
internal import MadoCore

/// Draws the pages of one `FormFillResult` into a PDF being written. Text stays text (vector glyphs
/// with embedded fonts), so the print is sharp at any resolution and the PDF is searchable.
struct FormRenderer {
    let writer: A4PDFDocument
    let text: FormTextDrawer

    /// Grey of the printed 「署名」 hint: visible, but clearly not something the clerk wrote.
    static let hintGrey = 0.6

    func draw(_ form: FormFillResult) throws(FormFillError) {
        for page in form.pages {
            for item in page.frame { try drawFrameItem(item, form: form.formID) }
            for field in page.fields { try drawField(field, form: form.formID) }
            if page.copies > 1 {
                // Which sheet of a repeated form this is, so the clerk keeps the sheets together.
                text.drawLine(
                    "\(form.title)（\(page.copy + 1)／\(page.copies)枚目）", x: pt(200), baseline: pt(292), align: .right,
                    fontSize: 7, typeface: .gothic, grey: 0.3)
            }
            if writer.failed {
                throw FormFillError(
                    .drawingFailed, form: form.formID, "form \(form.formID): cairo failed while drawing a page")
            }
            writer.endPage()
        }
    }

    // MARK: frame

    private func drawFrameItem(_ item: FormFrameItem, form: String) throws(FormFillError) {
        let cr = writer.cairo
        switch item {
        case .line(let from, let to, let width, let dashed):
            cairo_save(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
            cairo_set_line_width(cr, pt(width))
            if dashed {
                var pattern = [pt(1.2), pt(0.8)]
                cairo_set_dash(cr, &pattern, 2, 0)
            }
            cairo_move_to(cr, pt(from.x), pt(from.y))
            cairo_line_to(cr, pt(to.x), pt(to.y))
            cairo_stroke(cr)
            cairo_restore(cr)
        case .box(let box, let width, let shade):
            cairo_save(cr)
            cairo_rectangle(cr, pt(box.x), pt(box.y), pt(box.width), pt(box.height))
            if let shade {
                cairo_set_source_rgb(cr, shade, shade, shade)
                cairo_fill_preserve(cr)
            }
            if width > 0 {
                cairo_set_source_rgb(cr, 0, 0, 0)
                cairo_set_line_width(cr, pt(width))
                cairo_stroke(cr)
            } else {
                cairo_new_path(cr)
            }
            cairo_restore(cr)
        case .text(let string, let at, let size, let align, let weight):
            try checkGlyphs(string, typeface: .gothic, form: form, field: nil, fixed: true)
            let lineHeight = text.lineHeight(fontSize: size, typeface: .gothic)
            for (i, line) in string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                text.drawLine(
                    String(line), x: pt(at.x), baseline: pt(at.y) + Double(i) * lineHeight, align: align,
                    fontSize: size, typeface: .gothic, bold: weight == .bold, fixed: true)
            }
        case .note(let string, let box, let size):
            try checkGlyphs(string, typeface: .gothic, form: form, field: nil, fixed: true)
            text.drawWrapped(
                string, x: pt(box.x), top: pt(box.y), width: pt(box.width), height: pt(box.height), fontSize: size,
                typeface: .gothic, fixed: true)
        }
    }

    // MARK: fields

    private func drawField(_ field: FormFillField, form: String) throws(FormFillError) {
        switch field.content {
        case .empty:
            if field.kind == .digits { drawCells(field) }
            if field.kind == .checkbox { drawCheckbox(field, checked: false) }
        case .signature:
            drawSignatureBox(field)
        case .checkbox(let checked):
            drawCheckbox(field, checked: checked)
        case .digits(let digits):
            drawCells(field)
            try drawDigits(digits, field: field, form: form)
        case .text(let value):
            try checkGlyphs(value, typeface: .mincho, form: form, field: field.id)
            try drawText(value, field: field, form: form)
        }
    }

    private func drawText(_ value: String, field: FormFillField, form: String) throws(FormFillError) {
        let inset = FieldFit.horizontalInset(for: field.box)
        let width = pt(field.box.width - 2 * inset)
        let height = pt(field.box.height)
        guard
            let fitted = FieldFit.fit(
                value, width: width, height: height, size: field.size, minSize: field.minSize, typeface: .mincho,
                measurer: text)
        else {
            throw FormFillError(
                .doesNotFit, form: form, field: field.id,
                "field \(form).\(field.id) does not fit its box (\(Self.mm(field.box.width)) × \(Self.mm(field.box.height)) mm, down to \(Self.mm(field.minSize)) pt, wrapped)"
            )
        }
        let top = pt(field.box.y) + (height - fitted.height) / 2
        let baselineOffset = text.baselineOffset(fontSize: fitted.fontSize, typeface: .mincho)
        let x: Double =
            switch field.align {
            case .left: pt(field.box.x + inset)
            case .center: pt(field.box.x + field.box.width / 2)
            case .right: pt(field.box.maxX - inset)
            }
        for (i, line) in fitted.lines.enumerated() {
            text.drawLine(
                line, x: x, baseline: top + Double(i) * fitted.lineHeight + baselineOffset, align: field.align,
                fontSize: fitted.fontSize, typeface: .mincho)
        }
    }

    private func drawCells(_ field: FormFillField) {
        let cr = writer.cairo
        let count = max(1, cellCount(field))
        let cell = field.box.width / Double(count)
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, pt(0.25))
        cairo_rectangle(cr, pt(field.box.x), pt(field.box.y), pt(field.box.width), pt(field.box.height))
        cairo_stroke(cr)
        cairo_set_line_width(cr, pt(0.15))
        for i in 1..<max(1, count) {
            let x = pt(field.box.x + Double(i) * cell)
            cairo_move_to(cr, x, pt(field.box.y))
            cairo_line_to(cr, x, pt(field.box.maxY))
        }
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    private func cellCount(_ field: FormFillField) -> Int {
        if case .digits(let digits) = field.content { return digits.count }
        return field.cells ?? 1
    }

    private func drawDigits(_ digits: [Character?], field: FormFillField, form: String) throws(FormFillError) {
        guard !digits.isEmpty else { return }
        let cell = field.box.width / Double(digits.count)
        // One size for every cell: the largest from `size` down that fits a cell with a little air.
        var size = field.size
        while size > field.minSize,
            text.width(of: "0", fontSize: size, typeface: .mincho) > pt(cell) * 0.85
                || text.lineHeight(fontSize: size, typeface: .mincho) > pt(field.box.height)
        {
            size -= FieldFit.sizeStep
        }
        size = max(size, field.minSize)
        guard text.width(of: "0", fontSize: size, typeface: .mincho) <= pt(cell) else {
            throw FormFillError(
                .doesNotFit, form: form, field: field.id,
                "field \(form).\(field.id) does not fit its box (cells \(Self.mm(cell)) mm wide are too narrow for \(Self.mm(field.minSize)) pt digits)"
            )
        }
        let top = pt(field.box.y) + (pt(field.box.height) - text.lineHeight(fontSize: size, typeface: .mincho)) / 2
        let baseline = top + text.baselineOffset(fontSize: size, typeface: .mincho)
        for (i, digit) in digits.enumerated() {
            guard let digit else { continue }
            text.drawLine(
                String(digit), x: pt(field.box.x + (Double(i) + 0.5) * cell), baseline: baseline, align: .center,
                fontSize: size, typeface: .mincho)
        }
    }

    private func drawCheckbox(_ field: FormFillField, checked: Bool) {
        let cr = writer.cairo
        // A square of the box's smaller side, at its left, vertically centred.
        let side = min(field.box.width, field.box.height)
        let x = field.box.x
        let y = field.box.y + (field.box.height - side) / 2
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, pt(0.25))
        cairo_rectangle(cr, pt(x), pt(y), pt(side), pt(side))
        cairo_stroke(cr)
        cairo_restore(cr)
        guard checked else { return }
        let size = pt(side) * 1.05
        let top = pt(y) + (pt(side) - text.lineHeight(fontSize: size, typeface: .gothic)) / 2
        text.drawLine(
            "✓", x: pt(x + side / 2), baseline: top + text.baselineOffset(fontSize: size, typeface: .gothic),
            align: .center, fontSize: size, typeface: .gothic, bold: true)
    }

    private func drawSignatureBox(_ field: FormFillField) {
        let cr = writer.cairo
        cairo_save(cr)
        cairo_set_source_rgb(cr, Self.hintGrey, Self.hintGrey, Self.hintGrey)
        cairo_set_line_width(cr, pt(0.2))
        cairo_rectangle(cr, pt(field.box.x), pt(field.box.y), pt(field.box.width), pt(field.box.height))
        cairo_stroke(cr)
        cairo_restore(cr)
        let size = min(7.0, pt(field.box.height) * 0.4)
        text.drawLine(
            "署名", x: pt(field.box.x + 1), baseline: pt(field.box.y + 0.8) + size, align: .left, fontSize: size,
            typeface: .gothic, grey: Self.hintGrey)
    }

    private func checkGlyphs(
        _ string: String, typeface: FormTypeface, form: String, field: String?, fixed: Bool = false
    ) throws(FormFillError) {
        let unknown = text.unknownGlyphs(in: string, typeface: typeface, fixed: fixed)
        guard unknown > 0 else { return }
        let what = field.map { "field \(form).\($0)" } ?? "the printed text of form \(form)"
        throw FormFillError(
            .missingGlyph, form: form, field: field,
            "\(what) has \(unknown) character(s) that no installed form font (IPAex Mincho, IPAex Gothic, IPAmj Mincho) can draw; write them with a commoner character or by hand"
        )
    }

    private func pt(_ mm: Double) -> Double { A4PDFDocument.pt(mm) }

    static func mm(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
