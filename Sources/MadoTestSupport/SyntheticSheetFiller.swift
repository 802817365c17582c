// SPDX-License-Identifier: Apache-2.0
// Fills the bubbles of a rendered answer sheet the way students do, and records what a careful teacher
// would say each bubble means: the ground truth the mark reader is scored against.

import Foundation
public import MadoCore

/// What was drawn in or beside one bubble.
public enum SyntheticMark: String, Sendable, Equatable, Hashable, CaseIterable {
    /// A proper fill (HB dark to light pencil, slightly over- or under-filled).
    case fill
    /// A fill that leaves a corner or an edge blank but covers most of the bubble.
    case mostlyFilled = "mostly-filled"
    /// About half the bubble filled.
    case halfFill = "half-fill"
    /// A whole fill pressed so lightly it is grey.
    case lightFill = "light-fill"
    /// One pencil line across the bubble.
    case stroke
    /// A tick (レ) in the bubble.
    case tick
    /// A cross (×) in the bubble.
    case cross
    /// The bubble's outline circled instead of filled.
    case circled
    /// A fill rubbed out badly: a clearly visible grey residue.
    case erasureResidue = "erasure-residue"
    /// A fill rubbed out well: a faint trace only.
    case faintErasure = "faint-erasure"
    /// A pencil mark on the paper just outside the bubble.
    case strayBeside = "stray-beside"
}

/// What one bubble means, as a careful teacher would judge the pencil on it.
public struct SyntheticBubbleTruth: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        /// The student chose it; it must be read as marked.
        case marked
        /// Paper (maybe with a faint trace); it must not be read as marked.
        case unmarked
        /// Nobody can tell for sure: the question must be flagged for review.
        case ambiguous
    }

    public var fieldID: String
    public var label: String
    public var state: State
    /// What was drawn, nil for a clean bubble.
    public var mark: SyntheticMark?

    public init(fieldID: String, label: String, state: State, mark: SyntheticMark?) {
        self.fieldID = fieldID
        self.label = label
        self.state = state
        self.mark = mark
    }
}

/// A filled sheet and its ground truth.
public struct SyntheticFilledSheet: Sendable, Equatable {
    public var image: GrayImage
    /// One entry per bubble of the layout, in layout order.
    public var bubbles: [SyntheticBubbleTruth]

    public init(image: GrayImage, bubbles: [SyntheticBubbleTruth]) {
        self.image = image
        self.bubbles = bubbles
    }

    /// The labels that must be read as marked in one field, in bubble order.
    public func markedLabels(field fieldID: String) -> [String] {
        bubbles.filter { $0.fieldID == fieldID && $0.state == .marked }.map(\.label)
    }

    /// True when some bubble of the field is ambiguous, so the field's reading must be flagged.
    public func mustFlag(field fieldID: String) -> Bool {
        bubbles.contains { $0.fieldID == fieldID && $0.state == .ambiguous }
    }
}

/// How often students do what, per question (or digit column).
public struct SyntheticFillStyle: Sendable, Equatable {
    /// Questions left blank.
    public var blankRate: Double
    /// Single-answer questions with two clear marks.
    public var doubleMarkRate: Double
    /// Questions whose first answer was erased (residue, or a faint trace) and another one filled.
    public var changedAnswerRate: Double
    /// Of the changed answers, how many leave a visible residue (the rest are erased well).
    public var visibleResidueShare: Double
    /// Questions answered with a bad mark (light, half, stroke, tick, cross, circled) instead of a fill.
    public var badMarkRate: Double
    /// Questions with a pencil mark just beside a bubble.
    public var strayMarkRate: Double
    /// Proper fills that leave part of the bubble blank (still clearly marked).
    public var mostlyFilledShare: Double

    public init(
        blankRate: Double, doubleMarkRate: Double, changedAnswerRate: Double, visibleResidueShare: Double,
        badMarkRate: Double, strayMarkRate: Double, mostlyFilledShare: Double
    ) {
        self.blankRate = blankRate
        self.doubleMarkRate = doubleMarkRate
        self.changedAnswerRate = changedAnswerRate
        self.visibleResidueShare = visibleResidueShare
        self.badMarkRate = badMarkRate
        self.strayMarkRate = strayMarkRate
        self.mostlyFilledShare = mostlyFilledShare
    }

    /// A class of real students: mostly good fills, some blanks, changed answers and bad marks.
    public static let realistic = SyntheticFillStyle(
        blankRate: 0.05, doubleMarkRate: 0.02, changedAnswerRate: 0.05, visibleResidueShare: 0.4, badMarkRate: 0.04,
        strayMarkRate: 0.02, mostlyFilledShare: 0.15)

    /// Only clear fills and blanks (and double marks): every bubble has a definite answer.
    public static let clear = SyntheticFillStyle(
        blankRate: 0.05, doubleMarkRate: 0.02, changedAnswerRate: 0.03, visibleResidueShare: 0, badMarkRate: 0,
        strayMarkRate: 0, mostlyFilledShare: 0.15)
}

/// Draws pencil marks on a rendered sheet. Deterministic: the same image, layout, style and generator
/// state give the same pixels and truth.
public enum SyntheticSheetFiller {
    /// Fills every field of `layout` on `image` (the sheet rendered upright, the page filling the image).
    /// `studentNumber` (digits) is filled into the digit columns when given; otherwise random digits.
    public static func fill(
        _ image: GrayImage, layout: SheetLayout, style: SyntheticFillStyle, studentNumber: String? = nil,
        random: inout SplitMix64
    ) -> SyntheticFilledSheet {
        var pencil = Pencil(
            image: image, pixelsPerUnit: Double(image.width) / layout.width,
            millimetre: layout.units == .millimetres ? Double(image.width) / layout.width : Double(image.width) / 210,
            grainSeed: random.next())
        // One student, one pencil: its darkness is the sheet's "normal" mark, from HB-dark to light.
        let pressure = 0.62 + 0.3 * random.unit()
        var truths: [SyntheticBubbleTruth] = []
        let digits = studentNumber.map { Array($0) }
        for field in layout.fields {
            var plan = [SyntheticMark?](repeating: nil, count: field.bubbles.count)
            switch field.kind {
            case .digit(let position):
                let digit: Int
                if let digits, position < digits.count, let value = digits[position].wholeNumberValue {
                    digit = value
                } else {
                    digit = Int(random.next() % 10)
                }
                if let index = field.bubbles.firstIndex(where: { $0.label == String(digit) }) {
                    plan[index] = .fill
                }
            case .choice(_, let multiple):
                plan = planQuestion(bubbleCount: field.bubbles.count, multiple: multiple, style: style, random: &random)
            }
            if random.unit() < style.mostlyFilledShare {
                for index in plan.indices where plan[index] == .fill { plan[index] = .mostlyFilled }
            }
            for (bubble, mark) in zip(field.bubbles, plan) {
                var state = SyntheticBubbleTruth.State.unmarked
                if let mark {
                    state = pencil.draw(mark, on: bubble, pressure: pressure, random: &random)
                }
                truths.append(SyntheticBubbleTruth(fieldID: field.id, label: bubble.label, state: state, mark: mark))
            }
            // A stray mark goes beside a bubble the student left alone (beside a fill it is only overflow), and
            // after the field's own marks so it never lands on a neighbour's fill.
            let untouched = field.bubbles.indices.filter { plan[$0] == nil }
            if case .choice = field.kind, !untouched.isEmpty, random.unit() < style.strayMarkRate {
                let index = untouched[Int(random.next() % UInt64(untouched.count))]
                pencil.strayBeside(field.bubbles[index], pressure: pressure, random: &random)
                let base = truths.count - field.bubbles.count
                truths[base + index].state = .ambiguous
                truths[base + index].mark = .strayBeside
            }
        }
        return SyntheticFilledSheet(image: pencil.image, bubbles: truths)
    }

    /// What one student does on one question.
    private static func planQuestion(
        bubbleCount: Int, multiple: Bool, style: SyntheticFillStyle, random: inout SplitMix64
    ) -> [SyntheticMark?] {
        var plan = [SyntheticMark?](repeating: nil, count: bubbleCount)
        func pick(excluding: Set<Int> = []) -> Int {
            var index = Int(random.next() % UInt64(bubbleCount))
            while excluding.contains(index) { index = (index + 1) % bubbleCount }
            return index
        }
        let roll = random.unit()
        if roll < style.blankRate { return plan }
        let chosen = pick()
        plan[chosen] = .fill
        if multiple && bubbleCount > 2 && random.unit() < 0.5 {
            plan[pick(excluding: [chosen])] = .fill
        } else if !multiple && random.unit() < style.doubleMarkRate && bubbleCount > 1 {
            plan[pick(excluding: [chosen])] = .fill
        }
        let used = Set(plan.indices.filter { plan[$0] != nil })
        // Only a bubble still free can carry an erased first answer (a 2-option question may have none left).
        if random.unit() < style.changedAnswerRate && used.count < bubbleCount {
            let erased = pick(excluding: used)
            plan[erased] = random.unit() < style.visibleResidueShare ? .erasureResidue : .faintErasure
        }
        if random.unit() < style.badMarkRate {
            let bad: [SyntheticMark] = [.lightFill, .halfFill, .stroke, .tick, .cross, .circled]
            plan[chosen] = bad[Int(random.next() % UInt64(bad.count))]
        }
        return plan
    }
}

/// Pencil on paper: darkens what is under it (print stays black), with graphite grain.
private struct Pencil {
    var image: GrayImage
    /// Image pixels per layout unit.
    let pixelsPerUnit: Double
    /// Image pixels per millimetre of paper (pencil widths are physical).
    let millimetre: Double
    let grainSeed: UInt64

    init(image: GrayImage, pixelsPerUnit: Double, millimetre: Double, grainSeed: UInt64) {
        self.image = image
        self.pixelsPerUnit = pixelsPerUnit
        self.millimetre = millimetre
        self.grainSeed = grainSeed
    }

    /// Draws `mark` on `bubble` and returns what a teacher would call it.
    mutating func draw(
        _ mark: SyntheticMark, on bubble: Bubble, pressure: Double, random: inout SplitMix64
    ) -> SyntheticBubbleTruth.State {
        let centre = Point(x: bubble.centre.x * pixelsPerUnit, y: bubble.centre.y * pixelsPerUnit)
        let rx = bubble.width * pixelsPerUnit / 2
        let ry = bubble.height * pixelsPerUnit / 2
        let jitter = { (random: inout SplitMix64, amount: Double) in (random.unit() * 2 - 1) * amount }
        let darkness = min(0.95, pressure + jitter(&random, 0.04))
        switch mark {
        case .fill, .mostlyFilled:
            // Students over- and under-fill a little and are rarely centred.
            let scale = 0.97 + 0.15 * random.unit()
            let offset = Point(x: centre.x + jitter(&random, rx * 0.08), y: centre.y + jitter(&random, ry * 0.08))
            // A mostly-filled bubble leaves a crescent of up to 15 % of it blank.
            let cut = mark == .mostlyFilled ? 0.7 + 0.15 * random.unit() : 2.0
            fillEllipse(
                centre: offset, rx: rx * scale, ry: ry * scale, darkness: darkness,
                cutDirection: random.unit() * 2 * .pi,
                cut: cut, random: &random)
            return .marked
        case .halfFill:
            fillEllipse(
                centre: centre, rx: rx, ry: ry, darkness: darkness, cutDirection: random.unit() * 2 * .pi,
                cut: -0.15 + 0.35 * random.unit(), random: &random)
            return .ambiguous
        case .lightFill:
            fillEllipse(
                centre: centre, rx: rx, ry: ry, darkness: pressure * (0.3 + 0.2 * random.unit()), cutDirection: 0,
                cut: 2, random: &random)
            return .ambiguous
        case .erasureResidue:
            fillEllipse(
                centre: centre, rx: rx * 1.15, ry: ry * 1.2, darkness: 0.14 + 0.12 * random.unit(), cutDirection: 0,
                cut: 2, random: &random, blotchy: true)
            return .ambiguous
        case .faintErasure:
            fillEllipse(
                centre: centre, rx: rx * 1.1, ry: ry * 1.15, darkness: 0.015 + 0.025 * random.unit(), cutDirection: 0,
                cut: 2, random: &random, blotchy: true)
            return .unmarked
        case .stroke:
            let y = centre.y + jitter(&random, ry * 0.3)
            line(
                from: Point(x: centre.x - rx * 0.9, y: y + jitter(&random, ry * 0.2)),
                to: Point(x: centre.x + rx * 0.9, y: y + jitter(&random, ry * 0.2)), darkness: darkness)
            return .ambiguous
        case .tick:
            let bottom = Point(x: centre.x - rx * 0.15, y: centre.y + ry * 0.7)
            line(from: Point(x: centre.x - rx * 0.7, y: centre.y), to: bottom, darkness: darkness)
            line(from: bottom, to: Point(x: centre.x + rx * 0.8, y: centre.y - ry * 0.9), darkness: darkness)
            return .ambiguous
        case .cross:
            line(
                from: Point(x: centre.x - rx * 0.7, y: centre.y - ry * 0.8),
                to: Point(x: centre.x + rx * 0.7, y: centre.y + ry * 0.8), darkness: darkness)
            line(
                from: Point(x: centre.x + rx * 0.7, y: centre.y - ry * 0.8),
                to: Point(x: centre.x - rx * 0.7, y: centre.y + ry * 0.8), darkness: darkness)
            return .ambiguous
        case .circled:
            ring(centre: centre, rx: rx * 1.12, ry: ry * 1.2, darkness: darkness)
            return .ambiguous
        case .strayBeside:
            strayBeside(bubble, pressure: pressure, random: &random)
            return .ambiguous
        }
    }

    /// A short mark 0.3–1.0 mm outside the bubble's edge, left, right, above or below it.
    mutating func strayBeside(_ bubble: Bubble, pressure: Double, random: inout SplitMix64) {
        let centre = Point(x: bubble.centre.x * pixelsPerUnit, y: bubble.centre.y * pixelsPerUnit)
        let rx = bubble.width * pixelsPerUnit / 2
        let ry = bubble.height * pixelsPerUnit / 2
        let gap = (0.3 + 0.7 * random.unit()) * millimetre
        let side = random.next() % 4
        let length = (1.0 + 1.5 * random.unit()) * millimetre
        let darkness = pressure * (0.8 + 0.2 * random.unit())
        switch side {
        case 0, 1:
            let x = side == 0 ? centre.x - rx - gap : centre.x + rx + gap
            line(
                from: Point(x: x, y: centre.y - length / 2), to: Point(x: x, y: centre.y + length / 2),
                darkness: darkness)
        default:
            let y = side == 2 ? centre.y - ry - gap : centre.y + ry + gap
            line(
                from: Point(x: centre.x - length / 2, y: y), to: Point(x: centre.x + length / 2, y: y),
                darkness: darkness)
        }
    }

    /// Pencil over an ellipse. Points beyond `cut` (in units of the radius, along `cutDirection`) stay
    /// blank, which leaves a crescent (cut ≈ 0.7) or half the bubble (cut ≈ 0) unfilled.
    private mutating func fillEllipse(
        centre: Point, rx: Double, ry: Double, darkness: Double, cutDirection: Double, cut: Double,
        random: inout SplitMix64, blotchy: Bool = false
    ) {
        let (dx, dy) = (cos(cutDirection), sin(cutDirection))
        // Back-and-forth strokes leave faint stripes at the student's slant.
        let slant = (random.unit() - 0.5) * 1.2
        let seed = grainSeed &+ 1
        let stripePeriod = max(2.0, 0.45 * millimetre)
        paint(around: centre, radiusX: rx + 1, radiusY: ry + 1, darkness: darkness) { x, y in
            let u = (x - centre.x) / rx
            let v = (y - centre.y) / ry
            let r = (u * u + v * v).squareRoot()
            // A soft 1-px edge, as graphite has no hard border.
            let edge = min(1, max(0, (1 - r) * min(rx, ry)))
            guard edge > 0, u * dx + v * dy < cut else { return 0 }
            let stripe = 0.9 + 0.1 * sin((y + slant * x) * 2 * .pi / stripePeriod)
            return edge * stripe * (blotchy ? 0.6 + 0.8 * Pencil.grain(seed, Int(x / 3), Int(y / 3)) : 1)
        }
    }

    /// A pencil line 0.5–0.7 mm wide.
    private mutating func line(from a: Point, to b: Point, darkness: Double) {
        let halfWidth = 0.3 * millimetre
        let length2 = max(1e-9, (b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y))
        let centre = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
        let reach = length2.squareRoot() / 2 + halfWidth + 1
        paint(around: centre, radiusX: reach, radiusY: reach, darkness: darkness) { x, y in
            let t = max(0, min(1, ((x - a.x) * (b.x - a.x) + (y - a.y) * (b.y - a.y)) / length2))
            let px = a.x + t * (b.x - a.x) - x
            let py = a.y + t * (b.y - a.y) - y
            return min(1, max(0, halfWidth + 0.5 - (px * px + py * py).squareRoot()))
        }
    }

    /// A pencil ellipse outline.
    private mutating func ring(centre: Point, rx: Double, ry: Double, darkness: Double) {
        let halfWidth = 0.3 * millimetre
        paint(around: centre, radiusX: rx + halfWidth + 1, radiusY: ry + halfWidth + 1, darkness: darkness) { x, y in
            let u = (x - centre.x) / rx
            let v = (y - centre.y) / ry
            let distance = abs((u * u + v * v).squareRoot() - 1) * min(rx, ry)
            return min(1, max(0, halfWidth + 0.5 - distance))
        }
    }

    /// Darkens each pixel in the box by `darkness × coverage(x, y) × grain`.
    private mutating func paint(
        around centre: Point, radiusX: Double, radiusY: Double, darkness: Double,
        coverage: (Double, Double) -> Double
    ) {
        let x0 = max(0, Int(centre.x - radiusX)), x1 = min(image.width - 1, Int(centre.x + radiusX) + 1)
        let y0 = max(0, Int(centre.y - radiusY)), y1 = min(image.height - 1, Int(centre.y + radiusY) + 1)
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let c = coverage(Double(x) + 0.5, Double(y) + 0.5)
                guard c > 0 else { continue }
                let grain = 0.85 + 0.3 * Pencil.grain(grainSeed, x, y)
                let amount = min(1, darkness * c * grain)
                let index = y * image.width + x
                image.pixels[index] = UInt8((Double(image.pixels[index]) * (1 - amount)).rounded())
            }
        }
    }

    /// A deterministic value in [0, 1) per pixel: graphite grain without consuming the generator.
    static func grain(_ seed: UInt64, _ x: Int, _ y: Int) -> Double {
        var z =
            seed &+ UInt64(truncatingIfNeeded: x) &* 0x9E37_79B9_7F4A_7C15
            &+ UInt64(truncatingIfNeeded: y) &* 0xC2B2_AE3D_27D4_EB4F
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
