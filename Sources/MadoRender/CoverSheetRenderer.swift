// SPDX-License-Identifier: Apache-2.0
// The bundle's first page, for the resident: which counters to visit next, in order, and why.
internal import MadoCore

/// Draws the cover sheet: large, plain Gothic, one row per procedure with its counter in big type, and
/// a note asking the resident to check the filled forms and sign. More procedures than fit a page
/// continue on another cover page.
struct CoverSheetRenderer {
    let writer: A4PDFDocument
    let text: FormTextDrawer

    /// Each row is tall enough for a name, a two-line reason and the form titles; nine fit a page,
    /// enough for every procedure of a move-in with children and an elderly parent.
    static let rowHeight = 21.0
    static let tableTop = 58.0
    static let footerTop = 250.0
    static let rowsPerPage = Int((footerTop - tableTop) / rowHeight)

    /// The number of cover pages `bundle` needs.
    static func pageCount(for bundle: FormBundle) -> Int {
        max(1, (bundle.procedures.count + rowsPerPage - 1) / rowsPerPage)
    }

    func draw(_ bundle: FormBundle) throws(FormFillError) {
        let pages = Self.pageCount(for: bundle)
        let formPages = bundle.formPageCount
        for page in 0..<pages {
            let first = page * Self.rowsPerPage
            let rows = bundle.procedures[first..<min(bundle.procedures.count, first + Self.rowsPerPage)]
            // The page's shading and rules first (see StrokeBatch), then the text over them.
            var geometry = StrokeBatch()
            addGeometry(rows: rows.count, to: &geometry)
            geometry.draw(on: writer.cairo)
            drawHeader(bundle, page: page, pages: pages)
            for (i, procedure) in rows.enumerated() {
                try drawRow(procedure, number: first + i + 1, top: Self.tableTop + Double(i) * Self.rowHeight)
            }
            if bundle.procedures.isEmpty {
                text.drawLine(
                    "このお届けに続くお手続きはありません。", x: pt(105), baseline: pt(Self.tableTop + 14), align: .center,
                    fontSize: 14, typeface: .gothic)
            }
            drawFooter(formPages: formPages, coverPages: pages)
            text.drawPendingText()
            if writer.failed {
                throw FormFillError(.drawingFailed, form: "cover", "the cover sheet: cairo failed while drawing")
            }
            writer.endPage()
        }
    }

    /// The shading and rules of a cover page with `rows` procedure rows.
    private func addGeometry(rows: Int, to geometry: inout StrokeBatch) {
        func fill(_ x: Double, _ y: Double, _ width: Double, _ height: Double, grey: Double) {
            geometry.fill(x: pt(x), y: pt(y), width: pt(width), height: pt(height), grey: grey)
        }
        func box(_ x: Double, _ y: Double, _ width: Double, _ height: Double, pen: Double) {
            geometry.box(
                x: pt(x), y: pt(y), width: pt(width), height: pt(height),
                pen: .init(width: pt(pen), grey: 0, dashed: false))
        }
        // The heading band: the one thing to read from across the room.
        fill(20, 44, 170, 12, grey: 0.15)
        for i in 0..<rows {
            let top = Self.tableTop + Double(i) * Self.rowHeight
            box(20, top, 170, Self.rowHeight, pen: 0.4)
            fill(20, top, 14, Self.rowHeight, grey: 0.88)  // behind the number
            geometry.line(
                x1: pt(142), y1: pt(top), x2: pt(142), y2: pt(top + Self.rowHeight),
                pen: .init(width: pt(0.2), grey: 0, dashed: false))  // before the counter
            box(184, top + Self.rowHeight - 6.5, 4.5, 4.5, pen: 0.3)  // 済 tick box for the resident
        }
        fill(20, Self.footerTop, 170, 32, grey: 0.95)
        box(20, Self.footerTop, 170, 32, pen: 0.5)
    }

    private func drawHeader(_ bundle: FormBundle, page: Int, pages: Int) {
        text.drawLine(
            bundle.cityName, x: pt(20), baseline: pt(18), align: .left, fontSize: 12, typeface: .gothic)
        text.drawLine(
            Wareki.format(bundle.date), x: pt(190), baseline: pt(18), align: .right, fontSize: 12, typeface: .gothic)
        text.drawLine(
            "お手続きのご案内" + (page > 0 ? "（つづき）" : ""), x: pt(105), baseline: pt(31), align: .center, fontSize: 24,
            typeface: .gothic, bold: true)
        text.drawLine(
            "\(bundle.eventName)のお届けに伴い、次のお手続きが必要です。", x: pt(105), baseline: pt(39), align: .center,
            fontSize: 12, typeface: .gothic)
        text.drawLine(
            "次に行く窓口", x: pt(25), baseline: pt(53), align: .left, fontSize: 18, typeface: .gothic, bold: true,
            grey: 1)
        text.drawLine(
            "上から順にお進みください" + (pages > 1 ? "（\(page + 1)／\(pages)）" : ""), x: pt(186), baseline: pt(52.5),
            align: .right, fontSize: 10, typeface: .gothic, grey: 1)
    }

    private func drawRow(_ procedure: FormBundleProcedure, number: Int, top: Double) throws(FormFillError) {
        // Number
        text.drawLine(
            String(number), x: pt(27), baseline: pt(top + Self.rowHeight / 2 + 3.5), align: .center, fontSize: 22,
            typeface: .gothic, bold: true)
        // Name, reason, forms
        text.drawLine(
            procedure.name, x: pt(37), baseline: pt(top + 6.5), align: .left,
            fontSize: fittedSize(procedure.name, width: 102, size: 14, minSize: 10), typeface: .gothic, bold: true)
        try drawBlock(procedure.reason, x: 37, top: top + 8, width: 102, height: 8, size: 10, minSize: 7.5)
        if !procedure.forms.isEmpty {
            let titles = "書類：" + procedure.forms.map(\.title).joined(separator: "、")
            text.drawLine(
                titles, x: pt(37), baseline: pt(top + Self.rowHeight - 1.8), align: .left,
                fontSize: fittedSize(titles, width: 102, size: 8, minSize: 6), typeface: .gothic, grey: 0.3)
        }
        // Where: counter in big type, department under it.
        text.drawLine(
            procedure.counter, x: pt(162), baseline: pt(top + 10), align: .center,
            fontSize: fittedSize(procedure.counter, width: 36, size: 20, minSize: 10), typeface: .gothic, bold: true)
        text.drawLine(
            procedure.department, x: pt(162), baseline: pt(top + 16.5), align: .center,
            fontSize: fittedSize(procedure.department, width: 36, size: 11, minSize: 7), typeface: .gothic)
        // 済 beside its tick box.
        text.drawLine(
            "済", x: pt(183.3), baseline: pt(top + Self.rowHeight - 2.8), align: .right, fontSize: 7, typeface: .gothic,
            grey: 0.4)
    }

    private func drawFooter(formPages: Int, coverPages: Int) {
        text.drawLine(
            "ご確認ください", x: pt(25), baseline: pt(Self.footerTop + 7.5), align: .left, fontSize: 13, typeface: .gothic,
            bold: true)
        let lines = [
            "・\(coverPages + 1)枚目以降の申請書（\(formPages)枚）は、窓口でお伺いした内容で記入済みです。",
            "・内容に誤りがないかご確認のうえ、署名欄にご署名ください。",
            "・誤りがあるときは、書き直さずに窓口の職員にお申し出ください。",
        ]
        for (i, line) in lines.enumerated() {
            text.drawLine(
                line, x: pt(25), baseline: pt(Self.footerTop + 15 + Double(i) * 5.8), align: .left,
                fontSize: fittedSize(line, width: 160, size: 11, minSize: 8), typeface: .gothic)
        }
    }

    // MARK: helpers

    /// Wrapped text in a block; too long text is shrunk, then cut at the block's bottom (the cover sheet
    /// is printed from configuration, not from what a resident typed, so it is never refused).
    private func drawBlock(
        _ string: String, x: Double, top: Double, width: Double, height: Double, size: Double, minSize: Double
    )
        throws(FormFillError)
    {
        if text.unknownGlyphs(in: string, typeface: .gothic) > 0 {
            throw FormFillError(
                .missingGlyph, form: "cover",
                "the cover sheet has a procedure reason with characters no form font can draw")
        }
        if let fit = FieldFit.fit(
            string, width: pt(width), height: pt(height), size: size, minSize: minSize, typeface: .gothic,
            measurer: text)
        {
            let offset = text.baselineOffset(fontSize: fit.fontSize, typeface: .gothic)
            for (i, line) in fit.lines.enumerated() {
                text.drawLine(
                    line, x: pt(x), baseline: pt(top) + Double(i) * fit.lineHeight + offset, align: .left,
                    fontSize: fit.fontSize, typeface: .gothic)
            }
        } else {
            text.drawWrapped(
                string, x: pt(x), top: pt(top), width: pt(width), height: pt(height), fontSize: minSize,
                typeface: .gothic)
        }
    }

    private func fittedSize(_ string: String, width: Double, size: Double, minSize: Double) -> Double {
        var s = size
        while s > minSize, text.width(of: string, fontSize: s, typeface: .gothic) > pt(width) { s -= FieldFit.sizeStep }
        return max(s, minSize)
    }

    private func pt(_ mm: Double) -> Double { A4PDFDocument.pt(mm) }
}
