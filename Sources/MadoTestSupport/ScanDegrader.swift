// SPDX-License-Identifier: Apache-2.0
// Turns a clean rendered page into what a scanner delivers: folded, turned, skewed, scaled, warped, unevenly
// lit, blurred, noisy and JPEG-compressed, deterministically from a `ScanDegradation`.

import Foundation
public import MadoCore

/// Applies `ScanDegradation`s to page images. Pure Swift; a real JPEG codec can be passed in (MadoImaging's
/// libjpeg round trip), otherwise JPEG is simulated by quantising 8 × 8 DCT blocks with the standard table,
/// which is what makes JPEG's artifacts (the entropy coding after it is lossless).
public enum ScanDegrader {
    /// Encodes and decodes an image at a JPEG quality.
    public typealias JPEGRoundTrip = @Sendable (GrayImage, Int) -> GrayImage

    /// The degraded scan of `page` (the upright page filling the image, `pixelsPerMillimetre` of it).
    public static func degrade(
        _ page: GrayImage, with degradation: ScanDegradation, pixelsPerMillimetre: Double,
        jpeg: JPEGRoundTrip? = nil
    ) -> GrayImage {
        var image = page
        if let fold = degradation.foldedCorner {
            image = foldCorner(
                image, fold: fold, background: degradation.background, pixelsPerMillimetre: pixelsPerMillimetre)
        }
        image = rotateQuarterTurns(image, degradation.quarterTurns)
        if degradation.skewDegrees != 0 || degradation.scale != 1
            || degradation.cornerShifts.contains(where: { $0.x != 0 || $0.y != 0 })
        {
            image = warp(image, degradation: degradation, pixelsPerMillimetre: pixelsPerMillimetre)
        }
        if degradation.lighting > 0 {
            image = light(image, amount: degradation.lighting, direction: degradation.lightingDirection)
        }
        if degradation.blurSigma > 0 { image = blur(image, sigma: degradation.blurSigma) }
        if degradation.noiseSigma > 0 {
            image = addNoise(image, sigma: degradation.noiseSigma, seed: degradation.noiseSeed)
        }
        if let quality = degradation.jpegQuality {
            image = jpeg.map { $0(image, quality) } ?? quantiseLikeJPEG(image, quality: quality)
        }
        return image
    }

    // MARK: - Paper

    /// The corner triangle is gone (the scanner's background shows) and the flap lies over the square next
    /// to it, showing the blank back of the paper, with a crease and a shadow along its edges.
    static func foldCorner(
        _ image: GrayImage, fold: ScanDegradation.FoldedCorner, background: UInt8, pixelsPerMillimetre: Double
    ) -> GrayImage {
        var out = image
        let leg = fold.leg * pixelsPerMillimetre
        let shadow = 1.2 * pixelsPerMillimetre
        let reach = Int(leg + shadow) + 1
        let w = image.width, h = image.height
        for v in 0..<min(reach, h) {
            for u in 0..<min(reach, w) {
                let x = fold.corner == 1 || fold.corner == 2 ? w - 1 - u : u
                let y = fold.corner >= 2 ? h - 1 - v : v
                let (fu, fv) = (Double(u) + 0.5, Double(v) + 0.5)
                let index = y * w + x
                if fu + fv < leg {
                    out.pixels[index] = background
                } else if fu <= leg && fv <= leg {
                    // The flap's back; darker right at the crease.
                    let crease = fu + fv - leg
                    out.pixels[index] = crease < 0.4 * pixelsPerMillimetre ? 190 : 246
                } else {
                    // Shadow cast by the flap's edges onto the page.
                    let distance = max(fu - leg, 0) + max(fv - leg, 0)
                    if distance < shadow {
                        let factor = 0.8 + 0.2 * distance / shadow
                        out.pixels[index] = UInt8(Double(out.pixels[index]) * factor)
                    }
                }
            }
        }
        return out
    }

    // MARK: - Geometry

    /// Clockwise quarter turns, exact.
    public static func rotateQuarterTurns(_ image: GrayImage, _ turns: Int) -> GrayImage {
        let t = ((turns % 4) + 4) % 4
        guard t != 0 else { return image }
        let w = image.width, h = image.height
        let (ow, oh) = t == 2 ? (w, h) : (h, w)
        var out = [UInt8](repeating: 255, count: w * h)
        image.pixels.withUnsafeBufferPointer { srcBuffer in
            out.withUnsafeMutableBufferPointer { dstBuffer in
                guard let src = srcBuffer.baseAddress, let dst = dstBuffer.baseAddress else { return }
                // Where source pixel (x, y) lands: start + x * stepX + y * stepY in the output.
                let (start, stepX, stepY): (Int, Int, Int)
                switch t {
                case 1: (start, stepX, stepY) = (h - 1, ow, -1)
                case 2: (start, stepX, stepY) = (w * h - 1, -1, -ow)
                default: (start, stepX, stepY) = ((w - 1) * ow, -ow, 1)
                }
                for y in 0..<h {
                    var target = start + y * stepY
                    let row = src + y * w
                    for x in 0..<w {
                        dst[target] = row[x]
                        target += stepX
                    }
                }
            }
        }
        return GrayImage(width: ow, height: oh, pixels: out)
    }

    /// The page as fed: perspective, skew and scale about its centre, with the scanner's background around
    /// it. Bilinear sampling.
    static func warp(_ image: GrayImage, degradation: ScanDegradation, pixelsPerMillimetre: Double) -> GrayImage {
        let w = Double(image.width), h = Double(image.height)
        let corners = [Point(x: 0, y: 0), Point(x: w, y: 0), Point(x: w, y: h), Point(x: 0, y: h)]
        let angle = degradation.skewDegrees * .pi / 180
        let (c, s) = (cos(angle) * degradation.scale, sin(angle) * degradation.scale)
        let moved = corners.enumerated().map { index, corner -> Point in
            let shift = index < degradation.cornerShifts.count ? degradation.cornerShifts[index] : Point(x: 0, y: 0)
            let x = corner.x + shift.x * w - w / 2
            let y = corner.y + shift.y * h - h / 2
            return Point(x: c * x - s * y, y: s * x + c * y)
        }
        // A centre-fed scanner: the scan window is the scaled page plus 2 mm a side, centred on the page, so
        // a skewed page's corners may be cut off as they are by a real ADF.
        let margin = 2 * pixelsPerMillimetre
        let outWidth = Int((w * degradation.scale + 2 * margin).rounded())
        let outHeight = Int((h * degradation.scale + 2 * margin).rounded())
        let target = moved.map { Point(x: $0.x + Double(outWidth) / 2, y: $0.y + Double(outHeight) / 2) }
        guard let forward = PlaneTransform.homography(from: corners, to: target), let back = forward.inverse else {
            return image
        }
        var out = [UInt8](repeating: degradation.background, count: outWidth * outHeight)
        let sw = image.width, sh = image.height
        let backgroundLevel = Int(degradation.background)
        // Written for debug builds too (the test slice runs there): raw pointers, homogeneous coordinates
        // stepped along each row, fixed-point bilinear weights.
        image.pixels.withUnsafeBufferPointer { srcBuffer in
            out.withUnsafeMutableBufferPointer { dstBuffer in
                let src = srcBuffer.baseAddress!, dst = dstBuffer.baseAddress!
                for y in 0..<outHeight {
                    let py = Double(y) + 0.5
                    var hx = back.a * 0.5 + back.b * py + back.c
                    var hy = back.d * 0.5 + back.e * py + back.f
                    var hw = back.g * 0.5 + back.h * py + 1
                    let row = dst + y * outWidth
                    for x in 0..<outWidth {
                        let q = 1 / hw
                        let sx = hx * q - 0.5, sy = hy * q - 0.5
                        hx += back.a
                        hy += back.d
                        hw += back.g
                        guard sx > -1, sy > -1, sx < Double(sw), sy < Double(sh) else { continue }
                        let x0 = Int(sx + 1) - 1, y0 = Int(sy + 1) - 1
                        let fx = Int((sx - Double(x0)) * 256), fy = Int((sy - Double(y0)) * 256)
                        let p00: Int, p10: Int, p01: Int, p11: Int
                        if x0 >= 0 && y0 >= 0 && x0 + 1 < sw && y0 + 1 < sh {
                            let at = src + y0 * sw + x0
                            (p00, p10, p01, p11) = (Int(at[0]), Int(at[1]), Int(at[sw]), Int(at[sw + 1]))
                        } else {
                            let inX0 = x0 >= 0, inX1 = x0 + 1 < sw, inY0 = y0 >= 0, inY1 = y0 + 1 < sh
                            p00 = inX0 && inY0 ? Int(src[y0 * sw + x0]) : backgroundLevel
                            p10 = inX1 && inY0 ? Int(src[y0 * sw + x0 + 1]) : backgroundLevel
                            p01 = inX0 && inY1 ? Int(src[(y0 + 1) * sw + x0]) : backgroundLevel
                            p11 = inX1 && inY1 ? Int(src[(y0 + 1) * sw + x0 + 1]) : backgroundLevel
                        }
                        let top = p00 * (256 - fx) + p10 * fx
                        let bottom = p01 * (256 - fx) + p11 * fx
                        row[x] = UInt8(truncatingIfNeeded: (top * (256 - fy) + bottom * fy + 32768) >> 16)
                    }
                }
            }
        }
        return GrayImage(width: outWidth, height: outHeight, pixels: out)
    }

    // MARK: - Optics and sensor

    /// Darker towards one side (`amount` at the far edge), with a slight vignette.
    static func light(_ image: GrayImage, amount: Double, direction: Double) -> GrayImage {
        var out = image
        let (dx, dy) = (cos(direction), sin(direction))
        let w = Double(image.width), h = Double(image.height)
        let span = abs(dx) * w + abs(dy) * h
        let origin = (dx < 0 ? w : 0) * dx + (dy < 0 ? h : 0) * dy
        let width = image.width
        out.pixels.withUnsafeMutableBufferPointer { buffer in
            let pixels = buffer.baseAddress!
            for y in 0..<image.height {
                let ny = (Double(y) - h / 2) / h
                // Fixed-point factor per pixel, stepped along the row.
                var t = (Double(y) * dy - origin) / span
                let step = dx / span
                for x in 0..<width {
                    let nx = (Double(x) - w / 2) / w
                    let factor = 1 - amount * t - 0.1 * amount * (nx * nx + ny * ny)
                    t += step
                    let scaled = (Int(pixels[y * width + x]) * Int(factor * 1024)) >> 10
                    pixels[y * width + x] = UInt8(truncatingIfNeeded: max(0, min(255, scaled)))
                }
            }
        }
        return out
    }

    /// Repeated [1 2 1]/4 passes (each adds a variance of 1/2 pixel²) approximate a Gaussian.
    static func blur(_ image: GrayImage, sigma: Double) -> GrayImage {
        let passes = max(1, Int((2 * sigma * sigma).rounded()))
        let w = image.width, h = image.height
        guard w > 1, h > 1 else { return image }
        // Sixteenths of a grey level keep the repeated rounding from drifting.
        var a = [UInt16](repeating: 0, count: w * h)
        var b = a
        var out = image
        a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                out.pixels.withUnsafeMutableBufferPointer { pixelBuffer in
                    let a = aBuffer.baseAddress!, b = bBuffer.baseAddress!, pixels = pixelBuffer.baseAddress!
                    for i in 0..<(w * h) { a[i] = UInt16(pixels[i]) &* 16 }
                    for _ in 0..<passes {
                        for y in 0..<h {
                            let row = y * w
                            b[row] = (3 &* a[row] &+ a[row + 1] &+ 2) / 4
                            for x in 1..<(w - 1) {
                                b[row + x] = (a[row + x - 1] &+ 2 &* a[row + x] &+ a[row + x + 1] &+ 2) / 4
                            }
                            b[row + w - 1] = (a[row + w - 2] &+ 3 &* a[row + w - 1] &+ 2) / 4
                        }
                        for y in 0..<h {
                            let row = y * w, up = max(y - 1, 0) * w, down = min(y + 1, h - 1) * w
                            for x in 0..<w { a[row + x] = (b[up + x] &+ 2 &* b[row + x] &+ b[down + x] &+ 2) / 4 }
                        }
                    }
                    for i in 0..<(w * h) { pixels[i] = UInt8(truncatingIfNeeded: min(255, (Int(a[i]) + 8) / 16)) }
                }
            }
        }
        return out
    }

    /// Gaussian noise (from a table of 4,096 normal deviates, indexed by the seeded generator) and sparse dust.
    static func addNoise(_ image: GrayImage, sigma: Double, seed: UInt64) -> GrayImage {
        var random = SplitMix64(seed: seed)
        let table: [Double] = (0..<4096).map { _ in
            let u1 = max(random.unit(), 1e-12), u2 = random.unit()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2) * sigma
        }
        var out = image
        let count = image.pixels.count
        let offsets = table.map { Int($0.rounded()) }
        out.pixels.withUnsafeMutableBufferPointer { buffer in
            let pixels = buffer.baseAddress!
            offsets.withUnsafeBufferPointer { offsetBuffer in
                let offsets = offsetBuffer.baseAddress!
                var index = 0
                while index + 5 <= count {
                    var bits = random.next()
                    for _ in 0..<5 {
                        let value = Int(pixels[index]) + offsets[Int(truncatingIfNeeded: bits & 0xFFF)]
                        pixels[index] = UInt8(truncatingIfNeeded: max(0, min(255, value)))
                        bits >>= 12
                        index += 1
                    }
                }
            }
            // Dust: one dark speck per ~50,000 pixels.
            for _ in 0..<(count / 50_000) where count > 0 {
                let at = Int(random.next() % UInt64(count))
                pixels[at] = UInt8(random.next() % 100)
            }
        }
        return out
    }

    // MARK: - JPEG

    /// The IJG luminance quantisation table (JPEG standard, Annex K), in natural order.
    private static let luminanceTable: [Double] = [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ]

    /// Forward DCT, quantisation with the table libjpeg uses at `quality`, inverse DCT, per 8 × 8 block.
    public static func quantiseLikeJPEG(_ image: GrayImage, quality: Int) -> GrayImage {
        let q = max(1, min(100, quality))
        let scaling = q < 50 ? 5000 / q : 200 - 2 * q
        let table = luminanceTable.map { max(1, min(255, (($0 * Double(scaling) + 50) / 100).rounded(.down))) }
        var cosines = [Double](repeating: 0, count: 64)
        for k in 0..<8 {
            for n in 0..<8 {
                let ck = k == 0 ? (1.0 / 8).squareRoot() : (2.0 / 8).squareRoot()
                cosines[k * 8 + n] = ck * cos(Double(2 * n + 1) * Double(k) * .pi / 16)
            }
        }
        var out = image
        let w = image.width, h = image.height
        var block = [Double](repeating: 0, count: 64)
        var temp = [Double](repeating: 0, count: 64)
        out.pixels.withUnsafeMutableBufferPointer { pixels in
            for by in stride(from: 0, to: h, by: 8) {
                for bx in stride(from: 0, to: w, by: 8) {
                    // Edge blocks repeat their last row and column, as libjpeg pads them.
                    for y in 0..<8 {
                        for x in 0..<8 {
                            block[y * 8 + x] = Double(pixels[min(by + y, h - 1) * w + min(bx + x, w - 1)]) - 128
                        }
                    }
                    transform(&block, &temp, cosines, inverse: false)
                    for i in 0..<64 { block[i] = (block[i] / table[i]).rounded() * table[i] }
                    transform(&block, &temp, cosines, inverse: true)
                    for y in 0..<min(8, h - by) {
                        for x in 0..<min(8, w - bx) {
                            pixels[(by + y) * w + bx + x] = UInt8(max(0, min(255, (block[y * 8 + x] + 128).rounded())))
                        }
                    }
                }
            }
        }
        return out
    }

    /// Separable 2-D DCT-II (or its inverse) of an 8 × 8 block in place.
    private static func transform(_ block: inout [Double], _ temp: inout [Double], _ c: [Double], inverse: Bool) {
        // Rows, then columns; the inverse uses the transposed basis.
        for y in 0..<8 {
            for k in 0..<8 {
                var sum = 0.0
                for n in 0..<8 { sum += block[y * 8 + n] * (inverse ? c[n * 8 + k] : c[k * 8 + n]) }
                temp[y * 8 + k] = sum
            }
        }
        for x in 0..<8 {
            for k in 0..<8 {
                var sum = 0.0
                for n in 0..<8 { sum += temp[n * 8 + x] * (inverse ? c[n * 8 + k] : c[k * 8 + n]) }
                block[k * 8 + x] = sum
            }
        }
    }
}
