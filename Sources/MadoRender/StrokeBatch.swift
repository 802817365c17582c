// SPDX-License-Identifier: Apache-2.0
// The rules, boxes and shading of one page, collected by pen and drawn as one path per pen.
internal import CCairo

/// A form page has about 200 rules and boxes. cairo's PDF surface records every drawing operation and
/// analyses and replays it when the page ends, so 200 separate strokes (each with its own save, pen and
/// restore) cost more than all the page's text; one path per pen draws the same lines for a fraction.
/// Fills are drawn before every stroke, so shading never hides a rule. Coordinates are points.
struct StrokeBatch {
    /// How a line is drawn: width in points, grey level (0 black), dashed or solid.
    struct Pen: Hashable {
        let width: Double
        let grey: Double
        let dashed: Bool
    }

    private enum Shape {
        case segment(x1: Double, y1: Double, x2: Double, y2: Double)
        case rectangle(x: Double, y: Double, width: Double, height: Double)

        func add(to cr: OpaquePointer) {
            switch self {
            case .segment(let x1, let y1, let x2, let y2):
                cairo_move_to(cr, x1, y1)
                cairo_line_to(cr, x2, y2)
            case .rectangle(let x, let y, let width, let height):
                cairo_rectangle(cr, x, y, width, height)
            }
        }
    }

    /// Dashes of a dashed rule, in points: 1.2 mm on, 0.8 mm off.
    static let dashPattern = [1.2 * A4PDFDocument.pointsPerMillimetre, 0.8 * A4PDFDocument.pointsPerMillimetre]

    // Pens and greys in the order first used, so the PDF comes out the same every time.
    private var strokes: [Pen: [Shape]] = [:]
    private var penOrder: [Pen] = []
    private var fills: [Double: [Shape]] = [:]
    private var fillOrder: [Double] = []

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, pen: Pen) {
        stroke(.segment(x1: x1, y1: y1, x2: x2, y2: y2), pen: pen)
    }

    mutating func box(x: Double, y: Double, width: Double, height: Double, pen: Pen) {
        stroke(.rectangle(x: x, y: y, width: width, height: height), pen: pen)
    }

    mutating func fill(x: Double, y: Double, width: Double, height: Double, grey: Double) {
        if fills[grey] == nil { fillOrder.append(grey) }
        fills[grey, default: []].append(.rectangle(x: x, y: y, width: width, height: height))
    }

    /// Draws everything collected (fills first), then empties the batch.
    mutating func draw(on cr: OpaquePointer) {
        cairo_save(cr)
        for grey in fillOrder {
            cairo_new_path(cr)
            for shape in fills[grey] ?? [] { shape.add(to: cr) }
            cairo_set_source_rgb(cr, grey, grey, grey)
            cairo_fill(cr)
        }
        for pen in penOrder {
            cairo_new_path(cr)
            for shape in strokes[pen] ?? [] { shape.add(to: cr) }
            cairo_set_source_rgb(cr, pen.grey, pen.grey, pen.grey)
            cairo_set_line_width(cr, pen.width)
            if pen.dashed {
                var pattern = Self.dashPattern
                cairo_set_dash(cr, &pattern, Int32(pattern.count), 0)
            } else {
                cairo_set_dash(cr, nil, 0, 0)
            }
            cairo_stroke(cr)
        }
        cairo_restore(cr)
        self = StrokeBatch()
    }

    private mutating func stroke(_ shape: Shape, pen: Pen) {
        if strokes[pen] == nil { penOrder.append(pen) }
        strokes[pen, default: []].append(shape)
    }
}
