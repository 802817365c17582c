// SPDX-License-Identifier: Apache-2.0
// Measures one bubble (or the orientation mark) against the paper just around it: only the pixels of the
// bubble's neighbourhood are read, through the layout→image map, so uneven lighting and grey paper cancel out.

/// What the pixels of one bubble say, before any decision.
struct PatchMeasurement: Sendable, Equatable {
    /// Mean darkness inside the shrunken bubble, relative to the paper: 0 = white … 1 = black.
    var darkness: Double
    /// Fraction of the inside darker than half the paper's grey level.
    var fillRatio: Double
    /// Fraction of the surrounding paper ring darker than half the paper's grey level.
    var outsideRatio: Double
    /// The paper's grey level around the bubble (75th percentile of the ring, so a label or a neighbour's
    /// overflow in the ring does not darken it).
    var paperLevel: Double
    var imageCentre: Point
    /// False when the bubble is not wholly inside the image or the paper around it is not paper.
    var valid: Bool
}

/// Reusable histograms, so that measuring a page allocates nothing per bubble. One sampler serves one
/// read on one thread (it is a class only to own its buffer).
final class PatchSampler {
    /// The inside is the bubble shrunk to 80 %: a pencil mark rarely reaches the printed outline.
    static let innerRadius = 0.8
    /// The paper ring lies clear of the printed outline (and half a millimetre of misregistration).
    static let ringInnerRadius = 1.35
    static let ringOuterRadius = 1.7

    /// 256 counts for the inside, then 256 for the ring.
    private let counts = UnsafeMutablePointer<Int32>.allocate(capacity: 512)

    init() { counts.initialize(repeating: 0, count: 512) }

    deinit { counts.deallocate() }

    func measure(
        _ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, centre: Point, size: (Double, Double),
        elliptical: Bool, transform: PlaneTransform
    ) -> PatchMeasurement {
        let c = transform.apply(centre)
        let j = transform.jacobian(at: centre)
        let det = j.dxdu * j.dydv - j.dxdv * j.dydu
        let hw = size.0 / 2, hh = size.1 / 2
        var result = PatchMeasurement(
            darkness: 0, fillRatio: 0, outsideRatio: 0, paperLevel: 0, imageCentre: c, valid: false)
        guard abs(det) > 1e-9, c.x.isFinite, c.y.isFinite, hw > 0, hh > 0 else { return result }
        // Image offset → layout offset, already divided by the half-axes so the bubble is the unit circle.
        let k11 = j.dydv / det / hw, k12 = -j.dxdv / det / hw
        let k21 = -j.dydu / det / hh, k22 = j.dxdu / det / hh
        let extentX = abs(j.dxdu) * hw + abs(j.dxdv) * hh, extentY = abs(j.dydu) * hw + abs(j.dydv) * hh
        // The inside must lie in the image (the ring may be cut by the image edge), and a bubble larger than
        // a quarter of the image means a broken fit, not a bubble.
        guard extentX < Double(width) / 4, extentY < Double(height) / 4, c.x - extentX >= 0, c.y - extentY >= 0,
            c.x + extentX <= Double(width),
            c.y + extentY <= Double(height)
        else { return result }
        let outer = Self.ringOuterRadius
        let x0 = max(0, Int((c.x - outer * extentX).rounded(.down)))
        let x1 = min(width - 1, Int((c.x + outer * extentX).rounded(.up)))
        let y0 = max(0, Int((c.y - outer * extentY).rounded(.down)))
        let y1 = min(height - 1, Int((c.y + outer * extentY).rounded(.up)))
        // About 12 samples across the bubble's short axis (≈ 150 inside): the mean darkness is then good to
        // a percent, at a cost that does not grow with the resolution.
        let shortAxis =
            2
            * min(
                (j.dxdu * j.dxdu + j.dydu * j.dydu).squareRoot() * hw,
                (j.dxdv * j.dxdv + j.dydv * j.dydv).squareRoot() * hh)
        let step = max(1, Int(shortAxis / 12))
        let innerLimit = Self.innerRadius * Self.innerRadius
        let ringLow = Self.ringInnerRadius * Self.ringInnerRadius, ringHigh = outer * outer
        let stepU = k11 * Double(step), stepV = k21 * Double(step)
        let inner = counts, ring = counts + 256
        guard let base = pixels.baseAddress, pixels.count >= width * height else { return result }
        var innerCount = 0, ringCount = 0
        let samplesPerRow = (x1 - x0) / step + 1
        var y = y0, rowNumber = 0
        while y <= y1 {
            let dy = Double(y) + 0.5 - c.y
            let dx0 = Double(x0) + 0.5 - c.x
            let u0 = k11 * dx0 + k12 * dy, v0 = k21 * dx0 + k22 * dy
            // The paper level needs far fewer samples than the inside: every other row reads the inside only.
            let insideOnly = rowNumber & 1 == 1
            var first = 0, last = samplesPerRow - 1
            if elliptical {
                // Samples t of this row with (u0 + stepU·t)² + (v0 + stepV·t)² ≤ R²: only those are read.
                let limit = insideOnly ? innerLimit : ringHigh
                let qa = stepU * stepU + stepV * stepV, qb = u0 * stepU + v0 * stepV
                let qc = u0 * u0 + v0 * v0 - limit
                let disc = qb * qb - qa * qc
                if qa <= 0 || disc < 0 {
                    first = 1
                    last = 0
                } else {
                    let root = disc.squareRoot()
                    first = max(0, Int(((-qb - root) / qa).rounded(.up)))
                    last = min(samplesPerRow - 1, Int(((-qb + root) / qa).rounded(.down)))
                }
            }
            if first <= last {
                var u = u0 + stepU * Double(first), v = v0 + stepV * Double(first)
                var index = y * width + x0 + first * step
                for _ in first...last {
                    let r2 = elliptical ? u * u + v * v : max(u * u, v * v)
                    if r2 <= innerLimit {
                        inner[Int(base[index])] &+= 1
                        innerCount &+= 1
                    } else if !insideOnly, r2 >= ringLow, r2 <= ringHigh {
                        ring[Int(base[index])] &+= 1
                        ringCount &+= 1
                    }
                    u += stepU
                    v += stepV
                    index += step
                }
            }
            y += step
            rowNumber += 1
        }
        defer { counts.update(repeating: 0, count: 512) }
        guard innerCount >= 4, ringCount >= 4 else { return result }
        var below = 0, paper = 255
        let wanted = (ringCount * 3) / 4
        for level in 0..<256 {
            below += Int(ring[level])
            if below > wanted {
                paper = level
                break
            }
        }
        let paperLevel = Double(max(paper, 1))
        let half = paper / 2
        var darkSum = 0.0, innerDark = 0, ringDark = 0
        for level in 0..<256 {
            if level < paper { darkSum += Double(Int(inner[level]) * (paper - level)) }
            if level < half {
                innerDark += Int(inner[level])
                ringDark += Int(ring[level])
            }
        }
        result.darkness = min(1, darkSum / (paperLevel * Double(innerCount)))
        result.fillRatio = Double(innerDark) / Double(innerCount)
        result.outsideRatio = Double(ringDark) / Double(ringCount)
        result.paperLevel = paperLevel
        // A "paper" ring this dark is scanner background or a black page, not paper.
        result.valid = paper >= 80
        return result
    }
}
