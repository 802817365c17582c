// SPDX-License-Identifier: Apache-2.0
// A plain stand-in for the sheet renderer: draws a layout's marks, bubbles and boxes into a grayscale page,
// so the synthetic scans need no cairo (foreign layouts, MadoCore-only tests, the benchmark's fallback).

import Foundation
public import MadoCore

/// Paints a `SheetLayout` as black print on white paper at a resolution. No text, no QR code: only what the
/// mark reader looks at (alignment and orientation marks, bubble outlines with a grey label inside, boxes).
public enum SyntheticSheetPainter {
    /// The page at `dpi` (millimetre layouts) or at the layout's own pixels scaled by `dpi / 200` (pixel layouts).
    public static func paint(_ layout: SheetLayout, dpi: Double) -> GrayImage {
        let perUnit = layout.units == .millimetres ? dpi / 25.4 : dpi / 200
        let millimetre = layout.units == .millimetres ? perUnit : perUnit * layout.width / 210
        var canvas = Canvas(
            image: GrayImage(
                width: Int((layout.width * perUnit).rounded()), height: Int((layout.height * perUnit).rounded())),
            perUnit: perUnit)
        for mark in layout.alignmentMarks {
            let half = mark.size / 2
            let box = Rect(x: mark.centre.x - half, y: mark.centre.y - half, width: mark.size, height: mark.size)
            canvas.fill(box, round: mark.shape == .circle, level: 0)
        }
        if let orientation = layout.orientationMark { canvas.fill(orientation, round: false, level: 0) }
        let line = 0.25 * millimetre
        for field in layout.fields {
            for bubble in field.bubbles {
                let box = Rect(
                    x: bubble.centre.x - bubble.width / 2, y: bubble.centre.y - bubble.height / 2, width: bubble.width,
                    height: bubble.height)
                canvas.outline(box, round: bubble.shape == .ellipse, thickness: line, level: 0)
                // The printed label, light grey as on real mark sheets: a small cross of 0.3 mm strokes.
                let label = min(bubble.width, bubble.height) * 0.45
                let stroke = 0.3 * millimetre / perUnit
                let (x, y) = (bubble.centre.x, bubble.centre.y)
                canvas.fill(
                    Rect(x: x - label / 2, y: y - stroke / 2, width: label, height: stroke), round: false, level: 170)
                canvas.fill(
                    Rect(x: x - stroke / 2, y: y - label / 2, width: stroke, height: label), round: false, level: 170)
            }
        }
        for box in layout.writtenBoxes { canvas.outline(box.rect, round: false, thickness: line, level: 0) }
        if let name = layout.nameBox { canvas.outline(name, round: false, thickness: line, level: 0) }
        return canvas.image
    }

    private struct Canvas {
        var image: GrayImage
        let perUnit: Double

        /// Darkens every pixel whose centre lies in the rectangle (or the ellipse inscribed in it).
        mutating func fill(_ rect: Rect, round: Bool, level: UInt8) {
            region(rect, margin: 0, level: level) { u, v in !round || u * u + v * v <= 1 }
        }

        /// The outline of a rectangle or ellipse, `thickness` pixels wide, inside the shape's edge.
        mutating func outline(_ rect: Rect, round: Bool, thickness: Double, level: UInt8) {
            let rx = rect.width * perUnit / 2, ry = rect.height * perUnit / 2
            region(rect, margin: 1, level: level) { u, v in
                if round {
                    let r = (u * u + v * v).squareRoot()
                    return r <= 1 + 0.5 / min(rx, ry) && (1 - r) * min(rx, ry) < thickness
                }
                return abs(u) <= 1 && abs(v) <= 1 && ((1 - abs(u)) * rx < thickness || (1 - abs(v)) * ry < thickness)
            }
        }

        private mutating func region(_ rect: Rect, margin: Int, level: UInt8, inside: (Double, Double) -> Bool) {
            let cx = rect.centre.x * perUnit, cy = rect.centre.y * perUnit
            let rx = rect.width * perUnit / 2, ry = rect.height * perUnit / 2
            let x0 = max(0, Int(cx - rx) - margin), x1 = min(image.width - 1, Int(cx + rx) + margin)
            let y0 = max(0, Int(cy - ry) - margin), y1 = min(image.height - 1, Int(cy + ry) + margin)
            guard x0 <= x1, y0 <= y1, rx > 0, ry > 0 else { return }
            for y in y0...y1 {
                for x in x0...x1 where inside((Double(x) + 0.5 - cx) / rx, (Double(y) + 0.5 - cy) / ry) {
                    image.pixels[y * image.width + x] = min(image.pixels[y * image.width + x], level)
                }
            }
        }
    }
}
