// SPDX-License-Identifier: Apache-2.0
// A projective map of the plane (layout units → image pixels), fitted from point pairs: exact homography
// from four pairs, least-squares affine from three or more.

/// `x' = (a x + b y + c) / (g x + h y + 1)`, `y' = (d x + e y + f) / (g x + h y + 1)`; affine when g = h = 0.
public struct PlaneTransform: Sendable, Equatable {
    public var a, b, c, d, e, f, g, h: Double

    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double, g: Double = 0, h: Double = 0) {
        (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h) = (a, b, c, d, e, f, g, h)
    }

    public static let identity = PlaneTransform(a: 1, b: 0, c: 0, d: 0, e: 1, f: 0)

    public func apply(_ p: Point) -> Point {
        let w = g * p.x + h * p.y + 1
        return Point(x: (a * p.x + b * p.y + c) / w, y: (d * p.x + e * p.y + f) / w)
    }

    /// The local linear part at `p`: how one layout unit along x and along y moves in the image.
    public func jacobian(at p: Point) -> (dxdu: Double, dxdv: Double, dydu: Double, dydv: Double) {
        let w = g * p.x + h * p.y + 1
        let q = apply(p)
        return ((a - g * q.x) / w, (b - h * q.x) / w, (d - g * q.y) / w, (e - h * q.y) / w)
    }

    /// The inverse map, or nil when the transform is degenerate.
    public var inverse: PlaneTransform? {
        // Adjugate of [[a b c] [d e f] [g h 1]], normalised so that the bottom-right entry is 1.
        let m00 = e - f * h, m01 = c * h - b, m02 = b * f - c * e
        let m10 = f * g - d, m11 = a - c * g, m12 = c * d - a * f
        let m20 = d * h - e * g, m21 = b * g - a * h, m22 = a * e - b * d
        guard abs(m22) > 1e-12, (m00 * m22).isFinite else { return nil }
        return PlaneTransform(
            a: m00 / m22, b: m01 / m22, c: m02 / m22, d: m10 / m22, e: m11 / m22, f: m12 / m22, g: m20 / m22,
            h: m21 / m22)
    }

    /// The homography that maps four points exactly onto four others, or nil if three are collinear.
    public static func homography(from source: [Point], to target: [Point]) -> PlaneTransform? {
        guard source.count == 4, target.count == 4 else { return nil }
        var m = [[Double]]()
        var rhs = [Double]()
        for (s, t) in zip(source, target) {
            m.append([s.x, s.y, 1, 0, 0, 0, -s.x * t.x, -s.y * t.x])
            rhs.append(t.x)
            m.append([0, 0, 0, s.x, s.y, 1, -s.x * t.y, -s.y * t.y])
            rhs.append(t.y)
        }
        guard let x = solve(m, rhs) else { return nil }
        return PlaneTransform(a: x[0], b: x[1], c: x[2], d: x[3], e: x[4], f: x[5], g: x[6], h: x[7])
    }

    /// The least-squares affine map of three or more point pairs, or nil if the source points are collinear.
    public static func affine(from source: [Point], to target: [Point]) -> PlaneTransform? {
        guard source.count >= 3, source.count == target.count else { return nil }
        // Centre the points first: the normal equations stay well conditioned at pixel magnitudes.
        let n = Double(source.count)
        let sx = source.reduce(0) { $0 + $1.x } / n, sy = source.reduce(0) { $0 + $1.y } / n
        let tx = target.reduce(0) { $0 + $1.x } / n, ty = target.reduce(0) { $0 + $1.y } / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0, xX = 0.0, yX = 0.0, xY = 0.0, yY = 0.0
        for (s, t) in zip(source, target) {
            let u = s.x - sx, v = s.y - sy, X = t.x - tx, Y = t.y - ty
            sxx += u * u
            sxy += u * v
            syy += v * v
            xX += u * X
            yX += v * X
            xY += u * Y
            yY += v * Y
        }
        let det = sxx * syy - sxy * sxy
        guard abs(det) > 1e-9 * max(1, sxx * syy) else { return nil }
        let a = (xX * syy - yX * sxy) / det, b = (yX * sxx - xX * sxy) / det
        let d = (xY * syy - yY * sxy) / det, e = (yY * sxx - xY * sxy) / det
        return PlaneTransform(a: a, b: b, c: tx - a * sx - b * sy, d: d, e: e, f: ty - d * sx - e * sy)
    }

    /// Gaussian elimination with partial pivoting; nil for a singular system.
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        var m = matrix
        var r = rhs
        let n = r.count
        for col in 0..<n {
            var pivot = col
            for row in col + 1..<n where abs(m[row][col]) > abs(m[pivot][col]) { pivot = row }
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            r.swapAt(col, pivot)
            for row in col + 1..<n {
                let factor = m[row][col] / m[col][col]
                if factor == 0 { continue }
                for k in col..<n { m[row][k] -= factor * m[col][k] }
                r[row] -= factor * r[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = r[row]
            for k in row + 1..<n { sum -= m[row][k] * x[k] }
            x[row] = sum / m[row][row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
