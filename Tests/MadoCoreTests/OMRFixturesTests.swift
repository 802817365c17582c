// SPDX-License-Identifier: Apache-2.0
// A test sheet for the mark reader (A4, our own sheet design) and a drawer that prints and "fills it in"
// with GrayCanvas, so each test can state exactly which marks a student made and what must be read.
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

/// How a student marked one bubble.
enum PencilMark {
    /// A proper fill (HB pencil scans at about 60–90 grey).
    case filled(grey: UInt8 = 70)
    /// A faint mark: a student hesitating or a hard pencil.
    case light
    /// What an eraser leaves behind.
    case erasure
    /// A mark just below the bubble instead of in it.
    case beside
    /// A single diagonal stroke through the bubble (a tick, not a fill).
    case stroke
}

enum OMRFixtures {
    static let bubbleWidth = 5.0, bubbleHeight = 3.6
    static let choiceLabels = ["ア", "イ", "ウ", "エ"]

    /// Our own sheet: four 7 mm corner marks, the orientation mark right of the top-left one, a QR code,
    /// a four-digit student number and eight questions (q5 has five options, q6 allows several).
    static func layout(alignment: SheetLayout.Alignment? = nil) -> SheetLayout {
        let corners = [Point(x: 12, y: 12), Point(x: 198, y: 12), Point(x: 198, y: 285), Point(x: 12, y: 285)]
        let marks = corners.map { c in
            AlignmentMark(
                centre: c, size: 7, shape: .square, searchArea: Rect(x: c.x - 20, y: c.y - 20, width: 40, height: 40))
        }
        var fields: [Field] = []
        for position in 0..<4 {
            let x = 30 + 7 * Double(position)
            fields.append(
                Field(
                    id: "sn\(position)", kind: .digit(position: position),
                    bubbles: (0..<10).map { digit in
                        Bubble(
                            label: String(digit), centre: Point(x: x, y: 50 + 5.5 * Double(digit)), width: bubbleWidth,
                            height: bubbleHeight)
                    }))
        }
        for q in 1...8 {
            let labels = q == 5 ? ["1", "2", "3", "4", "5"] : choiceLabels
            let y = 125 + 6.5 * Double(q - 1)
            fields.append(
                Field(
                    id: "q\(q)", kind: .choice(questionID: String(q), multiple: q == 6),
                    bubbles: labels.enumerated().map { i, label in
                        Bubble(
                            label: label, centre: Point(x: 40 + 7 * Double(i), y: y), width: bubbleWidth,
                            height: bubbleHeight)
                    }))
        }
        return SheetLayout(
            units: .millimetres, width: 210, height: 297, examID: "2026-2-sci-midterm", page: 1, layoutVersion: 1,
            alignment: alignment ?? .marks(marks), orientationMark: Rect(x: 22, y: 10, width: 4, height: 4),
            qrCode: Rect(x: 166, y: 20, width: 22, height: 22), fields: fields,
            writtenBoxes: [WrittenBox(questionID: "9", rect: Rect(x: 20, y: 200, width: 170, height: 30))],
            nameBox: Rect(x: 80, y: 40, width: 100, height: 12))
    }

    /// Prints the sheet (marks, orientation mark, QR-like block, bubble outlines with light-grey labels,
    /// question numbers, boxes) and the student's pencil marks, keyed by field id then label.
    static func draw(
        _ layout: SheetLayout = layout(), marks: [String: [String: PencilMark]], canvas: GrayCanvas
    ) -> GrayCanvas {
        var canvas = canvas
        for mark in layout.alignmentMarks {
            canvas.fillRect(
                Rect(
                    x: mark.centre.x - mark.size / 2, y: mark.centre.y - mark.size / 2, width: mark.size,
                    height: mark.size),
                grey: 15)
        }
        if let orientation = layout.orientationMark { canvas.fillRect(orientation, grey: 15) }
        if let qr = layout.qrCode { drawQRLikeBlock(in: qr, canvas: &canvas) }
        if let nameBox = layout.nameBox { strokeRect(nameBox, canvas: &canvas) }
        for box in layout.writtenBoxes { strokeRect(box.rect, canvas: &canvas) }
        for field in layout.fields {
            if let first = field.bubbles.first, case .choice = field.kind {
                // The question number, printed black left of the row.
                canvas.fillRect(Rect(x: first.centre.x - 9, y: first.centre.y - 1.5, width: 2.5, height: 3), grey: 30)
            }
            for bubble in field.bubbles {
                canvas.strokeEllipse(
                    centre: bubble.centre, width: bubble.width, height: bubble.height, lineWidth: 0.25, grey: 90)
                drawLabel(at: bubble.centre, canvas: &canvas)
            }
        }
        for field in layout.fields {
            for bubble in field.bubbles {
                guard let mark = marks[field.id]?[bubble.label] else { continue }
                pencil(mark, on: bubble, canvas: &canvas)
            }
        }
        return canvas
    }

    /// A sheet drawn at `dpi` with the given page placement, as a scan.
    static func scan(
        marks: [String: [String: PencilMark]], dpi: Double = 200, counterclockwiseQuarterTurns: Int = 0,
        skewDegrees: Double = 0, scale: Double = 1, margin: Double = 0, background: UInt8 = 250, paper: UInt8 = 250,
        layout: SheetLayout = layout()
    ) -> GrayImage {
        let canvas = GrayCanvas.page(
            width: 210, height: 297, dotsPerUnit: dpi / 25.4,
            counterclockwiseQuarterTurns: counterclockwiseQuarterTurns,
            skewDegrees: skewDegrees, scale: scale, margin: margin, background: background, paper: paper)
        return draw(layout, marks: marks, canvas: canvas).image
    }

    /// A typical student: number 2071, answers q1 イ, q2 ア, q3 エ, q4 ウ, q5 "3", q6 ア+ウ, q7 イ, q8 blank.
    static let typicalMarks: [String: [String: PencilMark]] = [
        "sn0": ["2": .filled()], "sn1": ["0": .filled()], "sn2": ["7": .filled()], "sn3": ["1": .filled()],
        "q1": ["イ": .filled()], "q2": ["ア": .filled(grey: 50)], "q3": ["エ": .filled(grey: 90)],
        "q4": ["ウ": .filled()], "q5": ["3": .filled()], "q6": ["ア": .filled(), "ウ": .filled()],
        "q7": ["イ": .filled(grey: 80)],
    ]

    static let typicalAnswers: [String: [String]] = [
        "1": ["イ"], "2": ["ア"], "3": ["エ"], "4": ["ウ"], "5": ["3"], "6": ["ア", "ウ"], "7": ["イ"], "8": [],
    ]

    // MARK: Drawing pieces

    private static func pencil(_ mark: PencilMark, on bubble: Bubble, canvas: inout GrayCanvas) {
        let c = bubble.centre
        switch mark {
        case .filled(let grey):
            // Students overfill a little; the pencil covers the printed label.
            canvas.fillEllipse(centre: c, width: bubble.width * 0.95, height: bubble.height * 0.95, grey: grey)
        case .light:
            canvas.fillEllipse(centre: c, width: bubble.width * 0.9, height: bubble.height * 0.9, grey: 175)
        case .erasure:
            canvas.fillEllipse(centre: c, width: bubble.width, height: bubble.height, grey: 212)
        case .beside:
            canvas.fillEllipse(
                centre: Point(x: c.x, y: c.y + bubble.height / 2 + 1.6), width: 3.5, height: 2.4, grey: 70)
        case .stroke:
            canvas.line(
                from: Point(x: c.x - bubble.width / 2, y: c.y + bubble.height / 2),
                to: Point(x: c.x + bubble.width / 2, y: c.y - bubble.height / 2), lineWidth: 0.5, grey: 60)
        }
    }

    /// A light-grey glyph-like label inside the bubble (two strokes), as real mark sheets print them.
    private static func drawLabel(at c: Point, canvas: inout GrayCanvas) {
        canvas.line(
            from: Point(x: c.x - 0.9, y: c.y - 1.0), to: Point(x: c.x + 0.9, y: c.y - 1.0), lineWidth: 0.25, grey: 185)
        canvas.line(
            from: Point(x: c.x, y: c.y - 1.0), to: Point(x: c.x - 0.5, y: c.y + 1.1), lineWidth: 0.25, grey: 185)
    }

    private static func strokeRect(_ r: Rect, canvas: inout GrayCanvas) {
        canvas.line(from: Point(x: r.x, y: r.y), to: Point(x: r.maxX, y: r.y), lineWidth: 0.3, grey: 40)
        canvas.line(from: Point(x: r.maxX, y: r.y), to: Point(x: r.maxX, y: r.maxY), lineWidth: 0.3, grey: 40)
        canvas.line(from: Point(x: r.maxX, y: r.maxY), to: Point(x: r.x, y: r.maxY), lineWidth: 0.3, grey: 40)
        canvas.line(from: Point(x: r.x, y: r.maxY), to: Point(x: r.x, y: r.y), lineWidth: 0.3, grey: 40)
    }

    /// Finder patterns and pseudo-random modules where the QR code goes: many dark squares near a mark.
    private static func drawQRLikeBlock(in r: Rect, canvas: inout GrayCanvas) {
        let modules = 25
        let m = r.width / Double(modules)
        var random = SplitMix64(seed: 7)
        func finder(_ mx: Int, _ my: Int) -> Bool? {
            for (fx, fy) in [(0, 0), (modules - 7, 0), (0, modules - 7)] {
                let dx = mx - fx, dy = my - fy
                guard (-1...7).contains(dx), (-1...7).contains(dy) else { continue }
                if dx == -1 || dy == -1 || dx == 7 || dy == 7 { return false }
                let ring = min(dx, dy, 6 - dx, 6 - dy)
                return ring != 1
            }
            return nil
        }
        for my in 0..<modules {
            for mx in 0..<modules {
                let dark = finder(mx, my) ?? (random.next() % 2 == 0)
                if dark {
                    canvas.fillRect(
                        Rect(x: r.x + Double(mx) * m, y: r.y + Double(my) * m, width: m, height: m), grey: 15)
                }
            }
        }
    }
}

@Suite(.ownThread) struct OMRFixturesTests {
    @Test func theDrawnSheetHasItsMarksWhereTheLayoutSaysAt200Dpi() {
        let image = OMRFixtures.scan(marks: [:])
        #expect(image.width == 1653 && image.height == 2338)
        // Centre of the top-left mark (12 mm) is black, the clear zone beside it white.
        let px = 12 / 25.4 * 200
        #expect(image[Int(px), Int(px)] < 40)
        #expect(image[Int(px + 5 / 25.4 * 200), Int(px)] > 200)
    }
}
