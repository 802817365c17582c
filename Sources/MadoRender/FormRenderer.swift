// SPDX-License-Identifier: Apache-2.0
// Draws filled forms onto PDF pages: the printed furniture, then each field's value fitted to its box.
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
            // Every rule, box and cell of the page first, as a few paths; then the text over them.
            var geometry = StrokeBatch()
            for item in page.frame { addFrameGeometry(item, to: &geometry) }
            for field in page.fields { addFieldGeometry(field, to: &geometry) }
            geometry.draw(on: writer.cairo)
            for item in page.frame { try drawFrameText(item, form: form.formID) }
            for field in page.fields { try drawFieldText(field, form: form.formID) }
            if page.copies > 1 {
                // Which sheet of a repeated form this is, so the clerk keeps the sheets together.
                text.drawLine(
                    "\(form.title)（\(page.copy + 1)／\(page.copies)枚目）", x: pt(200), baseline: pt(292), align: .right,
                    fontSize: 7, typeface: .gothic, grey: 0.3)
            }
            text.drawPendingText()
            if writer.failed {
                throw FormFillError(
                    .drawingFailed, form: form.formID, "form \(form.formID): cairo failed while drawing a page")
            }
            writer.endPage()
        }
    }

    // MARK: frame

    private func addFrameGeometry(_ item: FormFrameItem, to geometry: inout StrokeBatch) {
        switch item {
        case .line(let from, let to, let width, let dashed):
            geometry.line(
                x1: pt(from.x), y1: pt(from.y), x2: pt(to.x), y2: pt(to.y),
                pen: .init(width: pt(width), grey: 0, dashed: dashed))
        case .box(let box, let width, let shade):
            if let shade {
                geometry.fill(x: pt(box.x), y: pt(box.y), width: pt(box.width), height: pt(box.height), grey: shade)
            }
            if width > 0 {
                geometry.box(
                    x: pt(box.x), y: pt(box.y), width: pt(box.width), height: pt(box.height),
                    pen: .init(width: pt(width), grey: 0, dashed: false))
            }
        case .text, .note:
            break
        }
    }

    private func drawFrameText(_ item: FormFrameItem, form: String) throws(FormFillError) {
        switch item {
        case .line, .box:
            break
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

    /// The lines a field draws whatever its value: digit cells, the check box's square, the signature box.
    private func addFieldGeometry(_ field: FormFillField, to geometry: inout StrokeBatch) {
        let box = field.box
        switch (field.content, field.kind) {
        case (.digits, _), (.empty, .digits):
            let count = max(1, cellCount(field))
            let cell = box.width / Double(count)
            geometry.box(
                x: pt(box.x), y: pt(box.y), width: pt(box.width), height: pt(box.height),
                pen: .init(width: pt(0.25), grey: 0, dashed: false))
            for i in 1..<max(1, count) {
                let x = pt(box.x + Double(i) * cell)
                geometry.line(
                    x1: x, y1: pt(box.y), x2: x, y2: pt(box.maxY), pen: .init(width: pt(0.15), grey: 0, dashed: false))
            }
        case (.checkbox, _), (.empty, .checkbox):
            let square = checkboxSquare(field)
            geometry.box(
                x: pt(square.x), y: pt(square.y), width: pt(square.width), height: pt(square.height),
                pen: .init(width: pt(0.25), grey: 0, dashed: false))
        case (.signature, _):
            geometry.box(
                x: pt(box.x), y: pt(box.y), width: pt(box.width), height: pt(box.height),
                pen: .init(width: pt(0.2), grey: Self.hintGrey, dashed: false))
        case (.empty, _), (.text, _):
            break
        }
    }

    private func drawFieldText(_ field: FormFillField, form: String) throws(FormFillError) {
        switch field.content {
        case .empty:
            break
        case .signature:
            let size = min(7.0, pt(field.box.height) * 0.4)
            text.drawLine(
                "署名", x: pt(field.box.x + 1), baseline: pt(field.box.y + 0.8) + size, align: .left, fontSize: size,
                typeface: .gothic, grey: Self.hintGrey, fixed: true)
        case .checkbox(let checked):
            if checked { drawCheckMark(field) }
        case .digits(let digits):
            try drawDigits(digits, field: field, form: form)
        case .text(let value):
            // Checked at the size fitting tries first, so the shaped line is reused when it fits.
            try checkGlyphs(value, typeface: .mincho, form: form, field: field.id, size: field.size)
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

    /// A square of the box's smaller side, at its left, vertically centred.
    private func checkboxSquare(_ field: FormFillField) -> FormRect {
        let side = min(field.box.width, field.box.height)
        return FormRect(x: field.box.x, y: field.box.y + (field.box.height - side) / 2, width: side, height: side)
    }

    private func drawCheckMark(_ field: FormFillField) {
        let square = checkboxSquare(field)
        let size = pt(square.width) * 1.05
        let top = pt(square.y) + (pt(square.height) - text.lineHeight(fontSize: size, typeface: .gothic)) / 2
        text.drawLine(
            "✓", x: pt(square.x + square.width / 2),
            baseline: top + text.baselineOffset(fontSize: size, typeface: .gothic), align: .center, fontSize: size,
            typeface: .gothic, bold: true, fixed: true)
    }

    private func checkGlyphs(
        _ string: String, typeface: FormTypeface, form: String, field: String?, fixed: Bool = false, size: Double = 10
    ) throws(FormFillError) {
        let unknown = text.unknownGlyphs(in: string, typeface: typeface, fixed: fixed, fontSize: size)
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
