// SPDX-License-Identifier: Apache-2.0
// A tiny grayscale rasterizer for the mark reader's tests: filled rectangles, ellipses, rings and lines in
// drawing units (mm) mapped to pixels through any plane transform (so rotation, skew, scale and
// perspective come for free), anti-aliased by supersampling, plus lighting gradients and noise.
import Foundation
public import MadoCore

/// Draws on a `GrayImage`. Shapes are given in drawing units; `transform` maps them to pixels
/// (pixel centres at x + 0.5, y + 0.5).
public struct GrayCanvas: Sendable {
    public var image: GrayImage
    public var transform: PlaneTransform {
        didSet { inverse = transform.inverse ?? .identity }
    }
    /// 3 × 3 samples per pixel when true; one sample at the pixel centre when false.
    public var antialiased: Bool
    private var inverse: PlaneTransform

    public init(
        width: Int, height: Int, fill: UInt8 = 255, transform: PlaneTransform = .identity, antialiased: Bool = true
    ) {
        image = GrayImage(width: width, height: height, fill: fill)
        self.transform = transform
        self.antialiased = antialiased
        inverse = transform.inverse ?? .identity
    }

    /// A canvas for a page of `pageWidth` × `pageHeight` units at `dotsPerUnit`, optionally turned by
    /// `counterclockwiseQuarterTurns` (so a reader must turn it back clockwise), rotated by `skewDegrees`
    /// (clockwise on screen) about the page centre, and scaled by `scale`; `margin` units of `background`
    /// on every side stand for a scan area larger than the page. The page is filled with `paper`.
    public static func page(
        width pageWidth: Double, height pageHeight: Double, dotsPerUnit: Double, counterclockwiseQuarterTurns: Int = 0,
        skewDegrees: Double = 0, scale: Double = 1, margin: Double = 0, background: UInt8 = 255, paper: UInt8? = nil
    ) -> GrayCanvas {
        let turns = ((counterclockwiseQuarterTurns % 4) + 4) % 4
        let turned = turns % 2 == 1
        let uw = (pageWidth + 2 * margin) * dotsPerUnit, uh = (pageHeight + 2 * margin) * dotsPerUnit
        let w = Int(turned ? uh : uw), h = Int(turned ? uw : uh)
        // Page units → upright page pixels (about the centre, with skew and scale) → turned image.
        let angle = skewDegrees * Double.pi / 180
        let k = dotsPerUnit * scale
        let cosA = cos(angle) * k, sinA = sin(angle) * k
        let pcx = pageWidth / 2, pcy = pageHeight / 2
        // Upright: X = cos·(u−pcx) − sin·(v−pcy) + uw/2, Y = sin·(u−pcx) + cos·(v−pcy) + uh/2.
        let upright = PlaneTransform(
            a: cosA, b: -sinA, c: uw / 2 - cosA * pcx + sinA * pcy, d: sinA, e: cosA,
            f: uh / 2 - sinA * pcx - cosA * pcy)
        let t = quarterTurned(upright, turns: turns, width: uw, height: uh)
        // Without a margin the page is the whole image; with one, the page is painted over the background.
        var canvas = GrayCanvas(width: w, height: h, fill: margin == 0 ? paper ?? background : background, transform: t)
        if margin != 0, let paper, paper != background {
            canvas.fillRect(Rect(x: 0, y: 0, width: pageWidth, height: pageHeight), grey: paper)
        }
        return canvas
    }

    private static func quarterTurned(_ t: PlaneTransform, turns: Int, width: Double, height: Double) -> PlaneTransform
    {
        var result = t
        var w = width, h = height
        for _ in 0..<turns {
            // (X, Y) → (Y, W − X)
            result = PlaneTransform(
                a: result.d, b: result.e, c: result.f, d: -result.a, e: -result.b, f: w - result.c)
            swap(&w, &h)
        }
        return result
    }

    // MARK: Shapes (drawing units)

    public mutating func fillRect(_ rect: Rect, grey: UInt8, opacity: Double = 1) {
        fill(bounds: rect, grey: grey, opacity: opacity) { p in
            p.x >= rect.x && p.x <= rect.maxX && p.y >= rect.y && p.y <= rect.maxY
        }
    }

    public mutating func fillEllipse(centre: Point, width: Double, height: Double, grey: UInt8, opacity: Double = 1) {
        let rx = width / 2, ry = height / 2
        let bounds = Rect(x: centre.x - rx, y: centre.y - ry, width: width, height: height)
        fill(bounds: bounds, grey: grey, opacity: opacity) { p in
            let u = (p.x - centre.x) / rx, v = (p.y - centre.y) / ry
            return u * u + v * v <= 1
        }
    }

    /// An elliptical outline of `lineWidth` centred on the ellipse's edge (a printed bubble).
    public mutating func strokeEllipse(centre: Point, width: Double, height: Double, lineWidth: Double, grey: UInt8) {
        let outerX = width / 2 + lineWidth / 2, outerY = height / 2 + lineWidth / 2
        let innerX = max(width / 2 - lineWidth / 2, 1e-9), innerY = max(height / 2 - lineWidth / 2, 1e-9)
        let bounds = Rect(x: centre.x - outerX, y: centre.y - outerY, width: 2 * outerX, height: 2 * outerY)
        fill(bounds: bounds, grey: grey) { p in
            let dx = p.x - centre.x, dy = p.y - centre.y
            let outside = (dx / outerX) * (dx / outerX) + (dy / outerY) * (dy / outerY)
            let inside = (dx / innerX) * (dx / innerX) + (dy / innerY) * (dy / innerY)
            return outside <= 1 && inside >= 1
        }
    }

    /// A straight stroke of `lineWidth` with square ends.
    public mutating func line(from a: Point, to b: Point, lineWidth: Double, grey: UInt8, opacity: Double = 1) {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return }
        let ux = dx / length, uy = dy / length, half = lineWidth / 2
        let bounds = Rect(
            x: min(a.x, b.x) - half, y: min(a.y, b.y) - half, width: abs(dx) + lineWidth, height: abs(dy) + lineWidth)
        fill(bounds: bounds, grey: grey, opacity: opacity) { p in
            let along = (p.x - a.x) * ux + (p.y - a.y) * uy
            let across = -(p.x - a.x) * uy + (p.y - a.y) * ux
            return along >= 0 && along <= length && abs(across) <= half
        }
    }

    /// Paints `grey` wherever `inside` holds (drawing units), within `bounds`, blended by coverage × opacity.
    public mutating func fill(
        bounds: Rect, grey: UInt8, opacity: Double = 1, inside: (Point) -> Bool
    ) {
        let corners = [
            Point(x: bounds.x, y: bounds.y), Point(x: bounds.maxX, y: bounds.y), Point(x: bounds.maxX, y: bounds.maxY),
            Point(x: bounds.x, y: bounds.maxY),
        ].map(transform.apply)
        let x0 = max(0, Int(corners.map(\.x).min()!.rounded(.down)) - 1)
        let x1 = min(image.width - 1, Int(corners.map(\.x).max()!.rounded(.up)) + 1)
        let y0 = max(0, Int(corners.map(\.y).min()!.rounded(.down)) - 1)
        let y1 = min(image.height - 1, Int(corners.map(\.y).max()!.rounded(.up)) + 1)
        guard x0 <= x1, y0 <= y1 else { return }
        let samples = antialiased ? [1.0 / 6, 0.5, 5.0 / 6] : [0.5]
        let total = Double(samples.count * samples.count)
        let target = Double(grey)
        for y in y0...y1 {
            for x in x0...x1 {
                var hits = 0
                for sy in samples {
                    for sx in samples where inside(inverse.apply(Point(x: Double(x) + sx, y: Double(y) + sy))) {
                        hits += 1
                    }
                }
                guard hits > 0 else { continue }
                let alpha = Double(hits) / total * opacity
                let index = y * image.width + x
                let old = Double(image.pixels[index])
                image.pixels[index] = UInt8(max(0, min(255, (old * (1 - alpha) + target * alpha).rounded())))
            }
        }
    }

    // MARK: Whole-image effects (pixels)

    /// Multiplies every pixel by `factor(x, y)` with x, y in 0…1 across the image (uneven lighting, grey paper).
    public mutating func applyLighting(_ factor: (Double, Double) -> Double) {
        let w = image.width, h = image.height
        for y in 0..<h {
            for x in 0..<w {
                let f = factor((Double(x) + 0.5) / Double(w), (Double(y) + 0.5) / Double(h))
                let index = y * w + x
                image.pixels[index] = UInt8(max(0, min(255, (Double(image.pixels[index]) * f).rounded())))
            }
        }
    }

    /// Adds uniform noise of ± `amplitude` grey levels, reproducibly.
    public mutating func addNoise(amplitude: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let span = UInt64(2 * amplitude + 1)
        for i in image.pixels.indices {
            let delta = Int(random.next() % span) - amplitude
            image.pixels[i] = UInt8(max(0, min(255, Int(image.pixels[i]) + delta)))
        }
    }

    /// The image turned counterclockwise by `quarterTurns` × 90°, pixel for pixel.
    public static func rotated(_ image: GrayImage, counterclockwiseQuarterTurns quarterTurns: Int) -> GrayImage {
        var result = image
        for _ in 0..<(((quarterTurns % 4) + 4) % 4) {
            let w = result.width, h = result.height
            var out = [UInt8](repeating: 0, count: w * h)
            // Pixel (x, y) of a W × H image goes to (y, W − 1 − x) of the H × W image.
            for y in 0..<h {
                for x in 0..<w { out[(w - 1 - x) * h + y] = result.pixels[y * w + x] }
            }
            result = GrayImage(width: h, height: w, pixels: out)
        }
        return result
    }

}
