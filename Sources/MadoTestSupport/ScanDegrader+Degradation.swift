// SPDX-License-Identifier: Apache-2.0
// What a scanner (and the trip through a school bag) does to a page, as parameters drawn from a seed.

import Foundation
public import MadoCore

/// One family of scanner faults, for drawing parameters and for reporting accuracy per family.
public enum ScanDegradationKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case clean
    /// Fed sideways or upside down (90/180/270°).
    case rotated
    /// Skewed by the feeder, up to ±5°.
    case skewed
    /// Scaled ±5 % (a copier's "fit to page", a wrong dpi tag).
    case scaled
    /// Mild perspective (a page not flat on the glass).
    case perspective
    /// Out of focus.
    case blurred
    /// Sensor noise and dust.
    case noisy
    /// Saved as a low-quality JPEG.
    case jpeg
    /// Uneven lighting across the page.
    case unevenLighting = "uneven-lighting"
    /// A corner folded over.
    case foldedCorner = "folded-corner"
    /// Several of the above at once, milder each.
    case combined
}

/// The parameters of one degraded scan. Applying the same value to the same image gives the same pixels.
public struct ScanDegradation: Sendable, Equatable {
    /// A corner of the page folded over onto the front.
    public struct FoldedCorner: Sendable, Equatable {
        /// 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left (of the upright page).
        public var corner: Int
        /// The length of paper folded along each edge, in millimetres.
        public var leg: Double

        public init(corner: Int, leg: Double) {
            self.corner = corner
            self.leg = leg
        }
    }

    public var kind: ScanDegradationKind
    /// Clockwise quarter turns of the page as fed (0…3).
    public var quarterTurns: Int = 0
    /// Rotation of the page on the glass, degrees (positive = clockwise on screen).
    public var skewDegrees: Double = 0
    public var scale: Double = 1
    /// Displacement of each page corner (top-left, top-right, bottom-right, bottom-left) as a fraction of
    /// the page's width and height: the perspective part.
    public var cornerShifts: [Point] = []
    /// Gaussian blur, in pixels.
    public var blurSigma: Double = 0
    /// Gaussian sensor noise, in grey levels.
    public var noiseSigma: Double = 0
    public var noiseSeed: UInt64 = 0
    /// JPEG quality 1…100, nil for a lossless scan.
    public var jpegQuality: Int?
    /// Up to this fraction darker on one side of the page than the other.
    public var lighting: Double = 0
    /// Direction of the lighting gradient, radians.
    public var lightingDirection: Double = 0
    public var foldedCorner: FoldedCorner?
    /// What the scanner sees where there is no paper (white lid, or an ADF's black backing).
    public var background: UInt8 = 250

    public init(kind: ScanDegradationKind) { self.kind = kind }

    /// True when the scan is the rendered page itself.
    public var isClean: Bool {
        quarterTurns == 0 && skewDegrees == 0 && scale == 1 && cornerShifts.allSatisfy { $0.x == 0 && $0.y == 0 }
            && blurSigma == 0 && noiseSigma == 0 && jpegQuality == nil && lighting == 0 && foldedCorner == nil
    }

    /// Draws the parameters of one scan of `kind`. The layout is consulted so that a folded corner never
    /// covers a bubble, the QR code or an answer box (it may cover an alignment mark: that is the point).
    public static func random(
        _ kind: ScanDegradationKind, layout: SheetLayout, random: inout SplitMix64
    ) -> ScanDegradation {
        var d = ScanDegradation(kind: kind)
        func between(_ low: Double, _ high: Double) -> Double { low + (high - low) * random.unit() }
        func signed(_ low: Double, _ high: Double) -> Double {
            (random.next() & 1 == 0 ? -1 : 1) * between(low, high)
        }
        func shifts(_ amount: Double) -> [Point] {
            (0..<4).map { _ in Point(x: signed(0, amount), y: signed(0, amount)) }
        }
        d.noiseSeed = random.next()
        switch kind {
        case .clean:
            break
        case .rotated:
            d.quarterTurns = 1 + Int(random.next() % 3)
            d.skewDegrees = signed(0, 0.3)
        case .skewed:
            d.skewDegrees = signed(0.5, 5)
        case .scaled:
            d.scale = 1 + signed(0.01, 0.05)
            d.skewDegrees = signed(0, 0.5)
        case .perspective:
            d.cornerShifts = shifts(0.01)
            d.skewDegrees = signed(0, 1)
        case .blurred:
            d.blurSigma = between(0.6, 1.5)
        case .noisy:
            d.noiseSigma = between(4, 12)
        case .jpeg:
            d.jpegQuality = Int(between(40, 85))
            d.noiseSigma = between(0, 3)
        case .unevenLighting:
            d.lighting = between(0.1, 0.35)
            d.lightingDirection = between(0, 2 * .pi)
        case .foldedCorner:
            d.foldedCorner = foldedCorner(layout: layout, random: &random)
            d.background = random.unit() < 0.5 ? UInt8(between(235, 255)) : UInt8(between(15, 60))
            d.skewDegrees = signed(0, 1)
        case .combined:
            d.quarterTurns = random.unit() < 0.3 ? Int(random.next() % 4) : 0
            d.skewDegrees = signed(0, 3)
            d.scale = 1 + signed(0, 0.03)
            d.cornerShifts = shifts(0.005)
            d.blurSigma = between(0, 1)
            d.noiseSigma = between(2, 6)
            d.jpegQuality = random.unit() < 0.5 ? Int(between(60, 90)) : nil
            d.lighting = between(0, 0.2)
            d.lightingDirection = between(0, 2 * .pi)
            d.background = random.unit() < 0.8 ? UInt8(between(235, 255)) : UInt8(between(15, 60))
        }
        return d
    }

    /// A fold of 10–35 mm on a corner where it covers no bubble, QR code or answer box; nil if none fits.
    private static func foldedCorner(layout: SheetLayout, random: inout SplitMix64) -> FoldedCorner? {
        let millimetre = layout.units == .millimetres ? 1 : layout.width / 210
        var keepClear: [Rect] = layout.writtenBoxes.map(\.rect)
        if let qr = layout.qrCode { keepClear.append(qr) }
        if let name = layout.nameBox { keepClear.append(name) }
        for field in layout.fields {
            for bubble in field.bubbles {
                keepClear.append(
                    Rect(
                        x: bubble.centre.x - bubble.width / 2, y: bubble.centre.y - bubble.height / 2,
                        width: bubble.width,
                        height: bubble.height))
            }
        }
        let first = Int(random.next() % 4)
        let wanted = (10 + 25 * random.unit()) * millimetre
        for step in 0..<4 {
            let corner = (first + step) % 4
            // The flap covers the square of side `leg` at the corner; keep 2 mm more clear for its shadow.
            var leg = wanted
            while leg >= 10 * millimetre {
                let reach = leg + 2 * millimetre
                let square = Rect(
                    x: corner == 1 || corner == 2 ? layout.width - reach : 0,
                    y: corner >= 2 ? layout.height - reach : 0, width: reach, height: reach)
                if !keepClear.contains(where: { overlaps($0, square) }) {
                    return FoldedCorner(corner: corner, leg: leg / millimetre)
                }
                leg -= 2 * millimetre
            }
        }
        return nil
    }

    private static func overlaps(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }
}
