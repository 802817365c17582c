// SPDX-License-Identifier: Apache-2.0
// Draws one planned answer-sheet page on a cairo context in millimetres: what the reader needs in black,
// what only people read in greys, in the look of a Japanese マークシート.
internal import CCairo
internal import MadoCore

/// Paints `SheetLayoutPlanner.Page`s. The context's user units must be millimetres from the page's top-left.
struct SheetPainter {
    let cairo: OpaquePointer
    let text: SheetTextDrawer

    /// Grey levels (0 black … 1 white). Marks and the QR code are pure black for the reader; bubble outlines
    /// dark enough to aim at; labels inside bubbles light, so a filled bubble reads as filled whatever its label.
    static let bubbleOutline = 0.3
    static let bubbleLabel = 0.6
    static let headerFill = 0.87
    static let ruleGrey = 0.62

    /// `qrCode` is the page's code (`SheetRenderer.qrCode(for:studentNumber:)`), drawn in the layout's QR box.
    func paint(_ page: SheetLayoutPlanner.Page, exam: ExamDefinition, studentNumber: String?, qrCode: SheetQRCode?) {
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        paintRegistration(page.layout)
        if let box = page.layout.qrCode, let qrCode { paint(qrCode, in: box) }
        paintTitle(page, exam: exam)
        if let nameBox = page.layout.nameBox { paintNameBox(nameBox) }
        if let instructions = page.instructions { paintInstructions(instructions) }
        paintStudentNumber(page, studentNumber: studentNumber)
        paintColumns(page)
        for box in page.layout.writtenBoxes { paintWrittenBox(box) }
        paintFooter(page, exam: exam)
    }

    // MARK: Reader's marks

    private func paintRegistration(_ layout: SheetLayout) {
        cairo_set_source_rgb(cairo, 0, 0, 0)
        for mark in layout.alignmentMarks {
            switch mark.shape {
            case .square:
                cairo_rectangle(
                    cairo, mark.centre.x - mark.size / 2, mark.centre.y - mark.size / 2, mark.size, mark.size)
            case .circle:
                cairo_new_sub_path(cairo)
                cairo_arc(cairo, mark.centre.x, mark.centre.y, mark.size / 2, 0, 2 * .pi)
            }
        }
        if let orientation = layout.orientationMark {
            cairo_rectangle(cairo, orientation.x, orientation.y, orientation.width, orientation.height)
        }
        cairo_fill(cairo)
    }

    private func paint(_ code: SheetQRCode, in box: Rect) {
        // One light module of margin inside the box; the page around it is blank for millimetres more.
        let module = min(box.width, box.height) / Double(code.size + 2)
        let originX = box.x + (box.width - module * Double(code.size)) / 2
        let originY = box.y + (box.height - module * Double(code.size)) / 2
        cairo_set_source_rgb(cairo, 0, 0, 0)
        for y in 0..<code.size {
            for x in 0..<code.size where code[x, y] {
                cairo_rectangle(cairo, originX + Double(x) * module, originY + Double(y) * module, module, module)
            }
        }
        // Adjacent modules filled as one path leave no hairline gaps between them.
        cairo_set_fill_rule(cairo, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cairo)
    }

    // MARK: Header

    private func paintTitle(_ page: SheetLayoutPlanner.Page, exam: ExamDefinition) {
        let area = page.titleArea
        let title = [exam.title, exam.subject].compactMap { $0 }.joined(separator: "　")
        text.draw(title, x: area.x, centreY: area.y + 3.5, size: 6.2, bold: true, maximumWidth: area.width)
        let second = [exam.className, "解答用紙"].compactMap { $0 }.joined(separator: "　")
        text.draw(second, x: area.x, centreY: area.y + 11.5, size: 4, maximumWidth: area.width - 30)
        // The page counter in a small frame: "1 / 2 枚目" tells a student there is more to turn over.
        let counter = "\(page.layout.page) / \(page.pageCount) 枚目"
        let width = text.width(of: counter, size: 3.4) + 4
        let frame = Rect(x: area.maxX - width, y: area.y + 8.8, width: width, height: 5.4)
        stroke(frame, width: 0.25)
        text.draw(counter, x: frame.centre.x, centreY: frame.centre.y, size: 3.4, align: .centre)
    }

    private func paintNameBox(_ box: Rect) {
        let labelWidth = 12.0
        fill(Rect(x: box.x, y: box.y, width: labelWidth, height: box.height), grey: Self.headerFill)
        stroke(box, width: 0.35)
        line(from: Point(x: box.x + labelWidth, y: box.y), to: Point(x: box.x + labelWidth, y: box.maxY), width: 0.25)
        text.draw("氏名", x: box.x + labelWidth / 2, centreY: box.centre.y, size: 3.6, align: .centre, bold: true)
    }

    private func paintInstructions(_ box: Rect) {
        let header = Rect(x: box.x, y: box.y, width: box.width, height: 5)
        fill(header, grey: Self.headerFill)
        stroke(box, width: 0.3)
        line(from: Point(x: box.x, y: header.maxY), to: Point(x: box.maxX, y: header.maxY), width: 0.2)
        text.draw("マークのしかた・注意", x: box.centre.x, centreY: header.centre.y, size: 3.1, align: .centre, bold: true)
        let lines = [
            "1. HBの鉛筆で ● のようにぬりつぶしてください。",
            "2. 消すときは消しゴムできれいに消してください。",
            "3. 生徒番号を数字で書き、その数字もマークしてください。",
            "4. 用紙を折り曲げたり、汚したりしないでください。",
        ]
        for (i, sentence) in lines.enumerated() {
            text.draw(
                sentence, x: box.x + 2, centreY: header.maxY + 3.2 + Double(i) * 4.2, size: 2.75,
                maximumWidth: box.width - 4)
        }
        // Good and bad examples drawn as real bubbles: a full fill is read, the others are not.
        let rowY = box.maxY - 5.2
        let divider = header.maxY + 3.2 + 3.5 * 4.2
        line(
            from: Point(x: box.x + 2, y: divider), to: Point(x: box.maxX - 2, y: divider), width: 0.15,
            grey: Self.ruleGrey)
        text.draw("良い例", x: box.x + 2, centreY: rowY, size: 2.8, bold: true)
        let good = Point(x: box.x + 16.5, y: rowY)
        bubbleOutline(at: good)
        ellipse(at: good, width: 5, height: 3.6)
        cairo_set_source_rgb(cairo, 0.05, 0.05, 0.05)
        cairo_fill(cairo)
        text.draw("悪い例", x: box.x + 26, centreY: rowY, size: 2.8, bold: true)
        let badX = box.x + 41.0
        for (i, kind) in BadExample.allCases.enumerated() {
            paintBadExample(kind, at: Point(x: badX + Double(i) * 7.6, y: rowY))
        }
    }

    /// The ways students mark that a reader cannot trust, as printed on Japanese sheets.
    private enum BadExample: CaseIterable { case tick, circle, cross, line, half, dot }

    private func paintBadExample(_ kind: BadExample, at centre: Point) {
        bubbleOutline(at: centre)
        cairo_set_source_rgb(cairo, 0.1, 0.1, 0.1)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_width(cairo, 0.45)
        switch kind {
        case .tick:
            cairo_move_to(cairo, centre.x - 1.8, centre.y - 0.2)
            cairo_line_to(cairo, centre.x - 0.5, centre.y + 1.3)
            cairo_line_to(cairo, centre.x + 2.1, centre.y - 1.9)
            cairo_stroke(cairo)
        case .circle:
            ellipse(at: centre, width: 6.2, height: 4.8)
            cairo_stroke(cairo)
        case .cross:
            cairo_move_to(cairo, centre.x - 1.8, centre.y - 1.3)
            cairo_line_to(cairo, centre.x + 1.8, centre.y + 1.3)
            cairo_move_to(cairo, centre.x + 1.8, centre.y - 1.3)
            cairo_line_to(cairo, centre.x - 1.8, centre.y + 1.3)
            cairo_stroke(cairo)
        case .line:
            cairo_move_to(cairo, centre.x - 2, centre.y)
            cairo_line_to(cairo, centre.x + 2, centre.y)
            cairo_stroke(cairo)
        case .half:
            cairo_save(cairo)
            cairo_rectangle(cairo, centre.x - 2.5, centre.y - 1.8, 2.5, 3.6)
            cairo_clip(cairo)
            ellipse(at: centre, width: 5, height: 3.6)
            cairo_fill(cairo)
            cairo_restore(cairo)
        case .dot:
            cairo_new_sub_path(cairo)
            cairo_arc(cairo, centre.x, centre.y, 0.6, 0, 2 * .pi)
            cairo_fill(cairo)
        }
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
    }

    // MARK: Student number

    private func paintStudentNumber(_ page: SheetLayoutPlanner.Page, studentNumber: String?) {
        let block = page.studentNumber
        fill(block.caption, grey: Self.headerFill)
        text.draw(
            "生徒番号", x: block.caption.centre.x, centreY: block.caption.centre.y, size: 3.1, align: .centre,
            bold: true)
        let digits = studentNumber.map { Array($0) } ?? []
        for (i, cell) in block.writeInCells.enumerated() {
            stroke(cell, width: 0.25)
            if i < digits.count {
                text.draw(
                    String(digits[i]), x: cell.centre.x, centreY: cell.centre.y, size: 5, align: .centre, bold: true)
            }
        }
        let gridTop = block.writeInCells.first?.maxY ?? block.caption.maxY
        for cell in block.writeInCells.dropFirst() {
            line(
                from: Point(x: cell.x, y: gridTop), to: Point(x: cell.x, y: block.frame.maxY), width: 0.12,
                grey: Self.ruleGrey)
        }
        for field in page.layout.fields {
            guard case .digit = field.kind else { continue }
            for bubble in field.bubbles { paintBubble(bubble) }
        }
        stroke(block.frame, width: 0.35)
        line(
            from: Point(x: block.frame.x, y: block.caption.maxY), to: Point(x: block.frame.maxX, y: block.caption.maxY),
            width: 0.25)
    }

    // MARK: Choice columns

    private func paintColumns(_ page: SheetLayoutPlanner.Page) {
        for column in page.columns {
            let frame = column.frame
            let header = Rect(x: frame.x, y: frame.y, width: frame.width, height: column.headerHeight)
            fill(header, grey: Self.headerFill)
            text.draw(
                "問", x: frame.x + column.numberWidth / 2, centreY: header.centre.y, size: 3.2, align: .centre,
                bold: true)
            text.draw(
                "解　答　欄", x: frame.x + column.numberWidth + (frame.width - column.numberWidth) / 2,
                centreY: header.centre.y, size: 3.2, align: .centre, bold: true)
            line(from: Point(x: frame.x, y: header.maxY), to: Point(x: frame.maxX, y: header.maxY), width: 0.3)
            for row in 1..<max(1, column.rowCount) {
                let y = header.maxY + 0.5 + Double(row) * column.rowPitch
                // Every fifth rule darker, so a student counting rows does not slip one.
                if row % 5 == 0 {
                    line(from: Point(x: frame.x, y: y), to: Point(x: frame.maxX, y: y), width: 0.25, grey: 0.2)
                } else {
                    line(
                        from: Point(x: frame.x, y: y), to: Point(x: frame.maxX, y: y), width: 0.12, grey: Self.ruleGrey)
                }
            }
            line(
                from: Point(x: frame.x + column.numberWidth, y: frame.y),
                to: Point(x: frame.x + column.numberWidth, y: frame.maxY), width: 0.25)
            stroke(frame, width: 0.35)
        }
        for cell in page.questionNumbers {
            text.draw(
                cell.questionID, x: cell.rect.centre.x, centreY: cell.rect.centre.y, size: 3.3, align: .centre,
                bold: true, maximumWidth: cell.rect.width - 1.5)
        }
        for field in page.layout.fields {
            guard case .choice(_, let multiple) = field.kind else { continue }
            for bubble in field.bubbles { paintBubble(bubble) }
            // "複数可" after the row tells the student several marks are expected, where there is room.
            if multiple, let last = field.bubbles.last,
                let column = page.columns.first(where: { $0.frame.contains(last.centre) }),
                column.frame.maxX - (last.centre.x + last.width / 2) >= 11
            {
                text.draw(
                    "複数可", x: last.centre.x + last.width / 2 + 2.2, centreY: last.centre.y, size: 2.5, grey: 0.25)
            }
        }
    }

    private func paintBubble(_ bubble: Bubble) {
        bubbleOutline(at: bubble.centre, width: bubble.width, height: bubble.height)
        let size = bubble.label.count > 1 ? 2.3 : 2.6
        text.draw(
            bubble.label, x: bubble.centre.x, centreY: bubble.centre.y, size: size, align: .centre,
            grey: Self.bubbleLabel, maximumWidth: bubble.width - 1)
    }

    private func bubbleOutline(at centre: Point, width: Double = 5, height: Double = 3.6) {
        ellipse(at: centre, width: width, height: height)
        cairo_set_source_rgb(cairo, Self.bubbleOutline, Self.bubbleOutline, Self.bubbleOutline)
        cairo_set_line_width(cairo, 0.22)
        cairo_stroke(cairo)
    }

    // MARK: Written answers

    private func paintWrittenBox(_ box: WrittenBox) {
        let label = "問 \(box.questionID)"
        let tab = Rect(
            x: box.rect.x, y: box.rect.y, width: text.width(of: label, size: 3.2, bold: true) + 4, height: 5.4)
        fill(tab, grey: Self.headerFill)
        stroke(tab, width: 0.25)
        text.draw(label, x: tab.x + 2, centreY: tab.centre.y, size: 3.2, bold: true)
        stroke(box.rect, width: 0.4)
    }

    // MARK: Footer

    private func paintFooter(_ page: SheetLayoutPlanner.Page, exam: ExamDefinition) {
        let y = SheetLayoutPlanner.markCentres[2].y
        let left = [exam.title, exam.subject, exam.className].compactMap { $0 }.joined(separator: "　")
        text.draw(left, x: 32, centreY: y, size: 2.6, grey: 0.3, maximumWidth: 60)
        text.draw("— \(page.layout.page) / \(page.pageCount) —", x: 105, centreY: y, size: 2.8, align: .centre)
        text.draw(
            "\(exam.id)  v\(page.layout.layoutVersion)", x: 178, centreY: y, size: 2.3, align: .right, grey: 0.4,
            maximumWidth: 60)
    }

    // MARK: Shapes

    private func ellipse(at centre: Point, width: Double, height: Double) {
        cairo_save(cairo)
        cairo_translate(cairo, centre.x, centre.y)
        cairo_scale(cairo, width / 2, height / 2)
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, 0, 0, 1, 0, 2 * .pi)
        cairo_restore(cairo)
    }

    private func fill(_ rect: Rect, grey: Double) {
        cairo_set_source_rgb(cairo, grey, grey, grey)
        cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cairo)
    }

    private func stroke(_ rect: Rect, width: Double, grey: Double = 0) {
        cairo_set_source_rgb(cairo, grey, grey, grey)
        cairo_set_line_width(cairo, width)
        cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cairo)
    }

    private func line(from a: Point, to b: Point, width: Double, grey: Double = 0) {
        cairo_set_source_rgb(cairo, grey, grey, grey)
        cairo_set_line_width(cairo, width)
        cairo_move_to(cairo, a.x, a.y)
        cairo_line_to(cairo, b.x, b.y)
        cairo_stroke(cairo)
    }
}
