// SPDX-License-Identifier: Apache-2.0
// Registers a scan against its layout: finds the alignment marks in each plausible orientation, fits the
// layout→image map (homography from four marks, affine from three), checks the fit against the marks'
// residual, and keeps the orientation whose orientation mark is dark.
import Foundation

/// How the layout lies in the image.
struct Registration: Sendable, Equatable {
    var transform: PlaneTransform
    /// Clockwise degrees that turn the scan upright.
    var rotation: Int
    /// RMS of the least-squares affine fit of the marks, in layout units (0 with three marks).
    var residual: Double
    var marksFound: Int
    var missingMarks: [Int]
    var skewDegrees: Double
    /// Image pixels per layout unit.
    var scale: Double
}

enum SheetRegistrar {
    /// The orientations tried, most common first (upright, then upside down from an ADF batch).
    static let rotations = [0, 180, 90, 270]

    /// The map that puts the page, turned by `rotation`, over the whole image: where to look for marks.
    static func nominalTransform(rotation: Int, layout: SheetLayout, width: Int, height: Int) -> PlaneTransform {
        let pw = layout.width, ph = layout.height
        let turned = rotation == 90 || rotation == 270
        let sx = Double(width) / (turned ? ph : pw), sy = Double(height) / (turned ? pw : ph)
        switch rotation {
        case 90: return PlaneTransform(a: 0, b: sx, c: 0, d: -sy, e: 0, f: sy * pw)
        case 180: return PlaneTransform(a: -sx, b: 0, c: sx * pw, d: 0, e: -sy, f: sy * ph)
        case 270: return PlaneTransform(a: 0, b: -sx, c: sx * ph, d: sy, e: 0, f: 0)
        default: return PlaneTransform(a: sx, b: 0, c: 0, d: 0, e: sy, f: 0)
        }
    }

    /// Orientations whose page shape fits the image's; all four when none does (a scan with wide margins).
    static func plausibleRotations(layout: SheetLayout, width: Int, height: Int) -> [Int] {
        let imageAspect = Double(width) / Double(height)
        let fitting = rotations.filter { r in
            let pageAspect = r == 90 || r == 270 ? layout.height / layout.width : layout.width / layout.height
            return abs(log(imageAspect / pageAspect)) < 0.2
        }
        return fitting.isEmpty ? rotations : fitting
    }

    static func register(
        _ image: GrayImage, layout: SheetLayout, marks: [AlignmentMark], options: OMROptions
    ) throws(OMRError) -> Registration {
        var finder = AlignmentMarkFinder(image: image)
        let sampler = PatchSampler()
        var mostFound = 0
        var worstResidual: Double?
        let markSize = marks.map(\.size).reduce(0, +) / Double(marks.count)
        let maximumResidual = options.maximumResidualInMarkSizes * markSize
        for rotation in plausibleRotations(layout: layout, width: image.width, height: image.height) {
            let nominal = nominalTransform(rotation: rotation, layout: layout, width: image.width, height: image.height)
            let nominalScale = abs(nominal.a * nominal.e - nominal.b * nominal.d).squareRoot()
            var candidates: [[MarkCandidate]] = []
            for mark in marks {
                let corners = [
                    Point(x: mark.searchArea.x, y: mark.searchArea.y),
                    Point(x: mark.searchArea.maxX, y: mark.searchArea.maxY),
                ].map(nominal.apply)
                let area = PixelRect(
                    x0: Int(min(corners[0].x, corners[1].x).rounded(.down)),
                    y0: Int(min(corners[0].y, corners[1].y).rounded(.down)),
                    x1: Int(max(corners[0].x, corners[1].x).rounded(.up)),
                    y1: Int(max(corners[0].y, corners[1].y).rounded(.up)))
                let expectedSize = mark.size * nominalScale, expectedCentre = nominal.apply(mark.centre)
                var found = finder.candidates(
                    in: area, expectedSize: expectedSize, expectedCentre: expectedCentre, shape: mark.shape)
                if found.isEmpty {
                    // A skewed page in a scan area larger than the page moves corner marks by 10 mm or more:
                    // look a quarter of the area further on every side before giving the mark up.
                    let grow = max(area.width, area.height) / 4
                    let wider = PixelRect(
                        x0: area.x0 - grow, y0: area.y0 - grow, x1: area.x1 + grow, y1: area.y1 + grow)
                    found = finder.candidates(
                        in: wider, expectedSize: expectedSize, expectedCentre: expectedCentre, shape: mark.shape)
                }
                candidates.append(found)
            }
            let found = candidates.filter { !$0.isEmpty }.count
            mostFound = max(mostFound, found)
            guard found >= 3 else { continue }
            guard
                let fit = bestFit(
                    marks: marks, candidates: candidates, nominal: nominal, maximumResidual: maximumResidual)
            else { continue }
            if fit.residual > maximumResidual {
                worstResidual = min(worstResidual ?? .infinity, fit.residual)
                continue
            }
            if let orientationMark = layout.orientationMark {
                let reading = image.pixels.withUnsafeBufferPointer { pixels in
                    sampler.measure(
                        pixels, width: image.width, height: image.height, centre: orientationMark.centre,
                        size: (orientationMark.width, orientationMark.height), elliptical: false,
                        transform: fit.transform)
                }
                guard reading.valid, reading.darkness >= 0.5 else { continue }
            }
            let skew = atan2(fit.linear.d, fit.linear.a) * 180 / .pi - expectedAngle(rotation)
            return Registration(
                transform: fit.transform, rotation: rotation, residual: fit.residual, marksFound: fit.used.count,
                missingMarks: (0..<marks.count).filter { !fit.used.contains($0) },
                skewDegrees: normalised(skew),
                scale: abs(fit.linear.a * fit.linear.e - fit.linear.b * fit.linear.d)
                    .squareRoot())
        }
        if mostFound < 3 { throw .alignmentMarksNotFound(found: mostFound, expected: marks.count) }
        if let worstResidual { throw .fitResidualTooLarge(worstResidual) }
        throw .orientationNotDetermined
    }

    private struct Fit {
        var transform: PlaneTransform
        /// The least-squares affine part, for scale and skew.
        var linear: PlaneTransform
        var residual: Double
        var used: [Int]
        /// Sum of the chosen blobs' scores.
        var penalty: Double
    }

    /// The best assignment of candidates to marks: all four marks with the smallest residual, else three
    /// marks forming a plausible (near-similarity, unmirrored) map.
    private static func bestFit(
        marks: [AlignmentMark], candidates: [[MarkCandidate]], nominal: PlaneTransform, maximumResidual: Double
    ) -> Fit? {
        // Each mark: one of its (up to three) candidates, or left out; at most one mark left out.
        var best: Fit?
        var choice = [Int](repeating: 0, count: marks.count)
        let nominalDet = nominal.a * nominal.e - nominal.b * nominal.d
        func consider() {
            let used = (0..<marks.count).filter { choice[$0] < candidates[$0].count }
            guard used.count >= max(3, marks.count - 1) else { return }
            let source = used.map { marks[$0].centre }
            let target = used.map { candidates[$0][choice[$0]].centre }
            guard let affine = PlaneTransform.affine(from: source, to: target) else { return }
            // Same handedness and about the same scale as the nominal map, so a mirror or a wrong blob is refused.
            let det = affine.a * affine.e - affine.b * affine.d
            guard det * nominalDet > 0, abs(log(abs(det / nominalDet))) < 2 * log(1.25) else { return }
            let columnX = hypot(affine.a, affine.d), columnY = hypot(affine.b, affine.e)
            let cosine = (affine.a * affine.b + affine.d * affine.e) / (columnX * columnY)
            guard abs(log(columnX / columnY)) < log(1.15), abs(cosine) < 0.1 else { return }
            var residual = 0.0
            if used.count >= 4, let back = affine.inverse {
                var sum = 0.0
                for (s, t) in zip(source, target) {
                    let p = back.apply(t)
                    sum += (p.x - s.x) * (p.x - s.x) + (p.y - s.y) * (p.y - s.y)
                }
                residual = (sum / Double(used.count)).squareRoot()
            }
            let penalty = candidates.indices.reduce(0.0) { total, i in
                total + (choice[i] < candidates[i].count ? candidates[i][choice[i]].score : 0)
            }
            var transform = affine
            if used.count == 4, let exact = PlaneTransform.homography(from: source, to: target) {
                transform = exact
                // Four marks under mild perspective (a page not quite flat on the glass, a tilted camera) fit a
                // homography exactly while an affine fit leaves a residual; rejecting them made a three-mark
                // affine fit win, which is exact at its marks and a row off elsewhere. So a homography whose
                // scale changes by under `mildPerspective` across the page counts as an exact fit; a wrong
                // blob makes it far stronger, and the orientation mark still has to be dark under it.
                if isMild(exact, over: source) { residual = 0 }
            }
            let candidate = Fit(transform: transform, linear: affine, residual: residual, used: used, penalty: penalty)
            if let current = best, !isBetter(candidate, than: current, maximumResidual: maximumResidual) { return }
            best = candidate
        }
        func enumerate(_ i: Int) {
            if i == marks.count {
                consider()
                return
            }
            for c in 0...candidates[i].count {
                choice[i] = c
                enumerate(i + 1)
            }
        }
        enumerate(0)
        return best
    }

    /// How much a homography's scale may change across the marks (the denominator g·x + h·y + 1 ranging
    /// within 1 ± this): a sheet lifted or curled off the glass, or photographed slightly askew.
    static let mildPerspective = 0.05

    static func isMild(_ transform: PlaneTransform, over points: [Point]) -> Bool {
        points.allSatisfy { abs(transform.g * $0.x + transform.h * $0.y) < mildPerspective }
    }

    /// Prefer a fit within the residual limit; then more marks; then the smaller residual and better blobs.
    private static func isBetter(_ a: Fit, than b: Fit, maximumResidual: Double) -> Bool {
        let aFits = a.residual <= maximumResidual, bFits = b.residual <= maximumResidual
        if aFits != bFits { return aFits }
        if a.used.count != b.used.count { return a.used.count > b.used.count }
        return a.residual + 0.01 * a.penalty < b.residual + 0.01 * b.penalty
    }

    private static func expectedAngle(_ rotation: Int) -> Double {
        switch rotation {
        case 90: return -90
        case 180: return 180
        case 270: return 90
        default: return 0
        }
    }

    private static func normalised(_ degrees: Double) -> Double {
        var d = degrees.truncatingRemainder(dividingBy: 360)
        if d > 180 { d -= 360 }
        if d <= -180 { d += 360 }
        return d
    }
}
