// SPDX-License-Identifier: Apache-2.0
// Registers a foreign (pre-printed) sheet that has no alignment marks by its paper edges against the darker
// scanner background, or by the image frame when the paper fills the scan.
//
// Limits: the layout's coordinates must be measured from the paper's top-left corner and its width and
// height must be the paper's size. The edges need a background at least 50 grey levels darker than the
// paper on all four sides (a closed ADF or a white lid gives none: then the image frame is used, which is
// only as good as the scanner's own cropping, typically ±1–2 mm). Torn or dog-eared edges move the fit.
// Without an orientation mark in the layout the page is assumed upright (0°) when its shape fits, since
// 0° and 180° cannot be told apart by the edges alone.
import Foundation

enum PageEdgeRegistrar {
    static func register(_ image: GrayImage, layout: SheetLayout) throws(OMRError) -> Registration {
        let w = image.width, h = image.height
        let corners: [Point]  // image top-left, top-right, bottom-right, bottom-left
        var residualPixels = 0.0
        if let edges = findEdges(image) {
            corners = edges.corners
            residualPixels = edges.residual
        } else {
            corners = [
                Point(x: 0, y: 0), Point(x: Double(w), y: 0), Point(x: Double(w), y: Double(h)),
                Point(x: 0, y: Double(h)),
            ]
        }
        let quadWidth =
            (hypot(corners[1].x - corners[0].x, corners[1].y - corners[0].y)
                + hypot(corners[2].x - corners[3].x, corners[2].y - corners[3].y)) / 2
        let quadHeight =
            (hypot(corners[3].x - corners[0].x, corners[3].y - corners[0].y)
                + hypot(corners[2].x - corners[1].x, corners[2].y - corners[1].y)) / 2
        guard quadWidth > 0, quadHeight > 0 else { throw .notThisLayout("no paper was found in the image") }
        let quadAspect = quadWidth / quadHeight, pageAspect = layout.width / layout.height
        let upright = abs(log(quadAspect / pageAspect)), turned = abs(log(quadAspect * pageAspect))
        guard min(upright, turned) < 0.15 else {
            throw .notThisLayout(
                "the paper's shape (\(Int(quadWidth)) × \(Int(quadHeight)) px) does not match the layout's page")
        }
        let rotations = upright <= turned ? [0, 180] : [90, 270]
        let page = [
            Point(x: 0, y: 0), Point(x: layout.width, y: 0), Point(x: layout.width, y: layout.height),
            Point(x: 0, y: layout.height),
        ]
        let sampler = PatchSampler()
        for rotation in rotations {
            // Which image corner each layout corner (TL, TR, BR, BL) lands on for this rotation.
            let shift = [0: 0, 90: 3, 180: 2, 270: 1][rotation] ?? 0
            let target = (0..<4).map { corners[($0 + shift) % 4] }
            guard let transform = PlaneTransform.homography(from: page, to: target),
                let affine = PlaneTransform.affine(from: page, to: target)
            else { continue }
            if let orientationMark = layout.orientationMark {
                let m = image.pixels.withUnsafeBufferPointer { pixels in
                    sampler.measure(
                        pixels, width: w, height: h, centre: orientationMark.centre,
                        size: (orientationMark.width, orientationMark.height), elliptical: false, transform: transform)
                }
                guard m.valid, m.darkness >= 0.5 else { continue }
            } else if rotation != rotations[0] || rotation != 0 {
                // Without an orientation mark only an upright page can be read.
                throw .orientationNotDetermined
            }
            let scale = abs(affine.a * affine.e - affine.b * affine.d).squareRoot()
            let expected: Double = [0: 0, 90: -90, 180: 180, 270: 90][rotation] ?? 0
            var skew = atan2(affine.d, affine.a) * 180 / .pi - expected
            skew = skew > 180 ? skew - 360 : (skew <= -180 ? skew + 360 : skew)
            return Registration(
                transform: transform, rotation: rotation, residual: residualPixels / scale, marksFound: 0,
                missingMarks: [], skewDegrees: skew, scale: scale)
        }
        throw .orientationNotDetermined
    }

    /// The paper's four corners from its edges against a darker background, or nil when there is no such
    /// background on every side.
    static func findEdges(_ image: GrayImage) -> (corners: [Point], residual: Double)? {
        let w = image.width, h = image.height
        let step = max(1, min(w, h) / 200)
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in stride(from: h / 4, to: 3 * h / 4, by: step) {
                for x in stride(from: w / 4, to: 3 * w / 4, by: step) { histogram[Int(pixels[y * w + x])] += 1 }
            }
        }
        let paper = percentile(histogram, 0.9)
        var lines: [(Double, Double, Double)] = []  // top, right, bottom, left: a·x + b·y = c
        var residuals: [Double] = []
        for side in 0..<4 {
            var points: [Point] = []
            let count = 24
            for i in 0..<count {
                let t = 0.15 + 0.7 * Double(i) / Double(count - 1)
                if let p = edgePoint(image, side: side, at: t, paper: paper) { points.append(p) }
            }
            guard points.count >= count / 2, let line = fitLine(points, vertical: side % 2 == 1) else { return nil }
            lines.append(line.coefficients)
            residuals.append(line.residual)
        }
        var corners: [Point] = []
        for (a, b) in [(3, 0), (0, 1), (1, 2), (2, 3)] {
            let (a1, b1, c1) = lines[a], (a2, b2, c2) = lines[b]
            let det = a1 * b2 - a2 * b1
            guard abs(det) > 1e-9 else { return nil }
            corners.append(Point(x: (c1 * b2 - c2 * b1) / det, y: (a1 * c2 - a2 * c1) / det))
        }
        let rms = (residuals.map { $0 * $0 }.reduce(0, +) / 4).squareRoot()
        return (corners, rms)
    }

    /// Walks inward from one side of the image; the first run of paper after a dark background is the edge.
    private static func edgePoint(_ image: GrayImage, side: Int, at t: Double, paper: Int) -> Point? {
        let w = image.width, h = image.height
        let along = side % 2 == 0 ? Int(t * Double(w)) : Int(t * Double(h))
        let depth = (side % 2 == 0 ? h : w) / 4
        func value(_ i: Int) -> Int {
            switch side {
            case 0: return Int(image.pixels[i * w + along])
            case 1: return Int(image.pixels[along * w + (w - 1 - i)])
            case 2: return Int(image.pixels[(h - 1 - i) * w + along])
            default: return Int(image.pixels[along * w + i])
            }
        }
        let background = value(0)
        guard background < paper - 50 else { return nil }
        let level = (background + paper) / 2
        var i = 1
        while i < depth - 3 {
            if value(i) > level, value(i + 1) > level, value(i + 2) > level {
                // Interpolate between the last dark and first light pixel for a sub-pixel edge.
                let before = value(i - 1), after = value(i)
                let fraction = after == before ? 0.5 : Double(level - before) / Double(after - before)
                let position = Double(i - 1) + 0.5 + fraction
                switch side {
                case 0: return Point(x: Double(along) + 0.5, y: position)
                case 1: return Point(x: Double(w) - position, y: Double(along) + 0.5)
                case 2: return Point(x: Double(along) + 0.5, y: Double(h) - position)
                default: return Point(x: position, y: Double(along) + 0.5)
                }
            }
            i += 1
        }
        return nil
    }

    /// A least-squares line through the points, refitted once without the worst quarter (dust, a torn
    /// spot); returned as a·x + b·y = c with its RMS residual in pixels.
    private static func fitLine(_ points: [Point], vertical: Bool) -> (
        coefficients: (Double, Double, Double),
        residual: Double
    )? {
        func fit(_ ps: [Point]) -> (m: Double, k: Double)? {
            // vertical: x = m·y + k; otherwise y = m·x + k.
            let n = Double(ps.count)
            let us = ps.map { vertical ? $0.y : $0.x }, vs = ps.map { vertical ? $0.x : $0.y }
            let mu = us.reduce(0, +) / n, mv = vs.reduce(0, +) / n
            var suu = 0.0, suv = 0.0
            for (u, v) in zip(us, vs) {
                suu += (u - mu) * (u - mu)
                suv += (u - mu) * (v - mv)
            }
            guard suu > 0 else { return nil }
            let m = suv / suu
            return (m, mv - m * mu)
        }
        func distance(_ p: Point, _ line: (m: Double, k: Double)) -> Double {
            let u = vertical ? p.y : p.x, v = vertical ? p.x : p.y
            return abs(v - (line.m * u + line.k)) / (1 + line.m * line.m).squareRoot()
        }
        guard let first = fit(points) else { return nil }
        let kept = points.sorted { distance($0, first) < distance($1, first) }.prefix(max(2, points.count * 3 / 4))
        guard let line = fit(Array(kept)) else { return nil }
        let rms = (kept.map { distance($0, line) * distance($0, line) }.reduce(0, +) / Double(kept.count)).squareRoot()
        // x = m·y + k  ⇔  x − m·y = k;  y = m·x + k  ⇔  −m·x + y = k.
        let coefficients = vertical ? (1.0, -line.m, line.k) : (-line.m, 1.0, line.k)
        return (coefficients, rms)
    }

    private static func percentile(_ histogram: [Int], _ p: Double) -> Int {
        let total = histogram.reduce(0, +)
        var below = 0
        for (level, n) in histogram.enumerated() {
            below += n
            if Double(below) >= p * Double(total) { return level }
        }
        return 255
    }
}
