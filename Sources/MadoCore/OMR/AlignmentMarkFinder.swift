// SPDX-License-Identifier: Apache-2.0
// Finds solid alignment marks in a search area: dark connected blobs of the expected size, square (or
// round), solid and with clear paper around them, so that text, QR finder rings, specks and a stray pencil
// mark nearby are passed over. Only the search area is read, on a coarse grid, then refined at full resolution.
import Foundation

/// A dark blob that may be an alignment mark, in image pixels.
struct MarkCandidate: Sendable, Equatable {
    var centre: Point
    /// Side (square) or diameter (circle) in pixels, from the blob's dark area.
    var size: Double
    /// Lower is better: size mismatch, lack of solidity and distance from where the mark was expected.
    var score: Double
}

/// A half-open rectangle of image pixels.
struct PixelRect: Hashable, Sendable {
    var x0: Int, y0: Int, x1: Int, y1: Int

    var width: Int { x1 - x0 }
    var height: Int { y1 - y0 }
    var isEmpty: Bool { x1 <= x0 || y1 <= y0 }

    func clamped(width w: Int, height h: Int) -> PixelRect {
        PixelRect(x0: max(0, x0), y0: max(0, y0), x1: min(w, x1), y1: min(h, y1))
    }
}

/// Searches one image for marks; remembers each area's blobs, because the four orientations a page is tried
/// in share the same corner areas.
struct AlignmentMarkFinder {
    private struct Key: Hashable {
        var area: PixelRect
        var step: Int
        var circle: Bool
    }

    private struct Blob {
        var area: PixelRect
        var threshold: Int
        var paper: Double
        var ink: Double
        var minX: Int, minY: Int, maxX: Int, maxY: Int, count: Int
        var ringDark: Int
    }

    let image: GrayImage
    private var cache: [Key: [Blob]] = [:]

    init(image: GrayImage) { self.image = image }

    /// Up to three candidates in `area`, best first.
    mutating func candidates(
        in area: PixelRect, expectedSize: Double, expectedCentre: Point, shape: AlignmentMark.Shape
    ) -> [MarkCandidate] {
        let area = area.clamped(width: image.width, height: image.height)
        guard !area.isEmpty, expectedSize >= 3 else { return [] }
        // About 14 grid cells across the mark: enough to judge its shape, cheap at 600 dpi.
        let step = max(1, Int(expectedSize / 14))
        let key = Key(area: area, step: step, circle: shape == .circle)
        let blobs: [Blob]
        if let cached = cache[key] {
            blobs = cached
        } else {
            blobs = findBlobs(in: area, step: step)
            cache[key] = blobs
        }
        let expectedCells = expectedSize / Double(step)
        var result: [MarkCandidate] = []
        for blob in blobs {
            let w = Double(blob.maxX - blob.minX + 1), h = Double(blob.maxY - blob.minY + 1)
            guard w >= 0.6 * expectedCells, h >= 0.6 * expectedCells, w <= 1.6 * expectedCells,
                h <= 1.6 * expectedCells, min(w, h) / max(w, h) >= 0.7
            else { continue }
            let solidity = Double(blob.count) / (w * h)
            guard solidity >= (shape == .square ? 0.7 : 0.55) else { continue }
            // The printed clear zone: little ink in a band around the blob.
            let ringCells = max(1.0, (w * 1.6) * (h * 1.6) - w * h)
            guard Double(blob.ringDark) / ringCells < 0.12 else { continue }
            guard let refined = refine(blob, step: step, shape: shape) else { continue }
            let sizeError = abs(log(refined.size / expectedSize))
            guard sizeError < log(1.45) else { continue }
            let diagonal = Double(max(area.width, area.height))
            let distance = hypot(refined.centre.x - expectedCentre.x, refined.centre.y - expectedCentre.y)
            let score = 2 * sizeError + (1 - min(1, solidity)) + distance / diagonal
            result.append(MarkCandidate(centre: refined.centre, size: refined.size, score: score))
        }
        result.sort { $0.score < $1.score }
        return Array(result.prefix(3))
    }

    /// Thresholds the area on a coarse grid (Otsu on the sampled grey levels) and collects the dark blobs
    /// that do not touch the area's border.
    private func findBlobs(in area: PixelRect, step: Int) -> [Blob] {
        let gw = (area.width + step - 1) / step, gh = (area.height + step - 1) / step
        guard gw >= 3, gh >= 3 else { return [] }
        let imageWidth = image.width
        var grid = [UInt8](repeating: 0, count: gw * gh)
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { pixels in
            for gy in 0..<gh {
                let row = (area.y0 + gy * step) * imageWidth + area.x0
                for gx in 0..<gw {
                    let v = pixels[row + gx * step]
                    grid[gy * gw + gx] = v
                    histogram[Int(v)] += 1
                }
            }
        }
        guard let split = Otsu(histogram: histogram), split.highMean - split.lowMean >= 40 else { return [] }
        let threshold = split.threshold
        // Labels: 0 = paper, -1 = dark and unvisited, > 0 = blob number.
        var labels = [Int32](repeating: 0, count: gw * gh)
        for i in 0..<labels.count where Int(grid[i]) <= threshold { labels[i] = -1 }
        var blobs: [Blob] = []
        var stack: [Int32] = []
        var next: Int32 = 1
        for start in 0..<labels.count where labels[start] == -1 {
            var blob = Blob(
                area: area, threshold: threshold, paper: split.highMean, ink: split.lowMean, minX: gw, minY: gh,
                maxX: -1, maxY: -1, count: 0, ringDark: 0)
            labels[start] = next
            stack.append(Int32(start))
            while let cell = stack.popLast() {
                let i = Int(cell), x = i % gw, y = i / gw
                blob.count += 1
                blob.minX = min(blob.minX, x)
                blob.maxX = max(blob.maxX, x)
                blob.minY = min(blob.minY, y)
                blob.maxY = max(blob.maxY, y)
                for ny in max(0, y - 1)...min(gh - 1, y + 1) {
                    for nx in max(0, x - 1)...min(gw - 1, x + 1) where labels[ny * gw + nx] == -1 {
                        labels[ny * gw + nx] = next
                        stack.append(Int32(ny * gw + nx))
                    }
                }
            }
            let touchesBorder = blob.minX == 0 || blob.minY == 0 || blob.maxX == gw - 1 || blob.maxY == gh - 1
            // Specks and page-sized regions are never marks; skip them before the ring count.
            if !touchesBorder, blob.count >= 9, blob.count <= gw * gh / 4 {
                let bw = blob.maxX - blob.minX + 1, bh = blob.maxY - blob.minY + 1
                let rx0 = max(0, blob.minX - (bw * 3 + 9) / 10), rx1 = min(gw - 1, blob.maxX + (bw * 3 + 9) / 10)
                let ry0 = max(0, blob.minY - (bh * 3 + 9) / 10), ry1 = min(gh - 1, blob.maxY + (bh * 3 + 9) / 10)
                var ring = 0
                for y in ry0...ry1 {
                    for x in rx0...rx1 where labels[y * gw + x] != 0 && labels[y * gw + x] != next { ring += 1 }
                }
                blob.ringDark = ring
                blobs.append(blob)
            }
            next += 1
        }
        return blobs
    }

    /// The blob's darkness-weighted centre and size at full resolution, so marks land to a fraction of a pixel.
    private func refine(_ blob: Blob, step: Int, shape: AlignmentMark.Shape) -> (centre: Point, size: Double)? {
        let x0 = blob.area.x0 + blob.minX * step, x1 = blob.area.x0 + (blob.maxX + 1) * step
        let y0 = blob.area.y0 + blob.minY * step, y1 = blob.area.y0 + (blob.maxY + 1) * step
        let marginX = (x1 - x0) / 4 + step, marginY = (y1 - y0) / 4 + step
        let window = PixelRect(x0: x0 - marginX, y0: y0 - marginY, x1: x1 + marginX, y1: y1 + marginY)
            .clamped(width: image.width, height: image.height)
        let contrast = blob.paper - blob.ink
        guard contrast > 0 else { return nil }
        // Grey levels just below the paper are scanner noise, not ink: they carry no weight.
        let paper = blob.paper - 0.15 * contrast
        var sum = 0.0, sx = 0.0, sy = 0.0
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in window.y0..<window.y1 {
                let row = y * image.width
                var rowSum = 0.0, rowX = 0.0
                for x in window.x0..<window.x1 {
                    let w = min(max(paper - Double(pixels[row + x]), 0), contrast * 0.85)
                    rowSum += w
                    rowX += w * (Double(x) + 0.5)
                }
                sum += rowSum
                sx += rowX
                sy += rowSum * (Double(y) + 0.5)
            }
        }
        guard sum > 0 else { return nil }
        let area = sum / (contrast * 0.85)
        let size = shape == .square ? area.squareRoot() : (4 * area / Double.pi).squareRoot()
        return (Point(x: sx / sum, y: sy / sum), size)
    }
}

/// Otsu's split of a grey-level histogram into a dark and a light class.
struct Otsu {
    /// Grey levels at or below this are dark.
    var threshold: Int
    var lowMean: Double
    var highMean: Double

    init?(histogram: [Int]) {
        var total = 0, weighted = 0.0
        for (v, n) in histogram.enumerated() {
            total += n
            weighted += Double(v * n)
        }
        guard total > 0 else { return nil }
        var best = -1.0, bestThreshold = -1
        var lowCount = 0, lowSum = 0.0
        for v in 0..<255 {
            lowCount += histogram[v]
            lowSum += Double(v * histogram[v])
            let highCount = total - lowCount
            guard lowCount > 0, highCount > 0 else { continue }
            let m0 = lowSum / Double(lowCount), m1 = (weighted - lowSum) / Double(highCount)
            let between = Double(lowCount) * Double(highCount) * (m1 - m0) * (m1 - m0)
            if between > best {
                best = between
                bestThreshold = v
            }
        }
        guard bestThreshold >= 0 else { return nil }
        var c0 = 0, s0 = 0.0
        for v in 0...bestThreshold {
            c0 += histogram[v]
            s0 += Double(v * histogram[v])
        }
        threshold = bestThreshold
        lowMean = s0 / Double(c0)
        highMean = (weighted - s0) / Double(total - c0)
    }
}
