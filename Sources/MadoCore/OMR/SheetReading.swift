// SPDX-License-Identifier: Apache-2.0
// What the mark reader saw on one page: the registration, every bubble's measurement and decision, and the
// answers per question and digit with flags wherever a person should look.

/// Why a question or digit needs a person's eyes.
public enum ReadingFlag: String, Sendable, Equatable, Hashable, CaseIterable {
    /// No mark at all.
    case blank
    /// More than one clear mark on a single-answer question (or digit).
    case multiple
    /// A light mark, erasure residue, a mark beside a bubble, or an unreadable bubble: the reader will not guess.
    case ambiguous
}

/// The reader's verdict on one bubble.
public enum BubbleDecision: String, Sendable, Equatable, Hashable {
    /// Paper (and the printed label) only.
    case empty
    /// A clear mark.
    case marked
    /// Darker than empty but too light to count: flagged.
    case lightMark = "light-mark"
    /// A faint smudge (erasure residue or dirt): flagged, never read as a mark.
    case smudge
    /// Empty inside, but a mark sits in the paper just around it: flagged.
    case markBeside = "mark-beside"
    /// The bubble lies (partly) outside the image or on dark background: flagged.
    case unreadable
}

/// One bubble as measured.
public struct BubbleMeasurement: Sendable, Equatable {
    public var fieldID: String
    public var label: String
    /// Mean darkness inside the bubble shrunk to 80 %, relative to the paper around it: 0 = white … 1 = black.
    public var darkness: Double
    /// Fraction of the inside darker than half the paper's brightness (printed labels are lighter).
    public var fillRatio: Double
    /// Fraction of the paper ring just outside the bubble that is dark.
    public var outsideRatio: Double
    /// The paper's grey level (0–255) around the bubble.
    public var paperLevel: Double
    /// Where the bubble's centre landed in the image, in pixels.
    public var imageCentre: Point
    public var decision: BubbleDecision
}

/// One choice question as read.
public struct QuestionReading: Sendable, Equatable {
    public var fieldID: String
    public var questionID: String
    public var multipleAllowed: Bool
    /// The clearly marked labels in bubble order; empty when blank, or when ambiguous with no clear mark.
    public var chosen: [String]
    /// 0…1, from the margin of the closest bubble to a decision level; below 0.5 whenever flagged ambiguous.
    public var confidence: Double
    public var flags: Set<ReadingFlag>

    public var needsReview: Bool { !flags.isEmpty }
}

/// One digit column of the student number as read.
public struct DigitReading: Sendable, Equatable {
    public var fieldID: String
    public var position: Int
    /// The digit, or nil when the column is blank, multiple or ambiguous.
    public var digit: String?
    /// Every clear mark in the column (two when `multiple`).
    public var chosen: [String]
    public var confidence: Double
    public var flags: Set<ReadingFlag>
}

/// The whole page as read.
public struct SheetReading: Sendable, Equatable {
    /// Clockwise degrees (0, 90, 180, 270) that turn the scan upright.
    public var rotation: Int
    /// Remaining skew of the page in the scan after `rotation`, in degrees (positive = clockwise).
    public var skewDegrees: Double
    /// Image pixels per layout unit (7.87 at 200 dpi for a millimetre layout).
    public var scale: Double
    /// RMS distance of the alignment marks from the fitted model, in layout units (0 with three marks).
    public var residual: Double
    /// How many alignment marks were used (3 when one was covered or missing: the fit cannot be cross-checked).
    public var marksFound: Int
    /// Indices (into the layout's marks) of marks that were not found.
    public var missingMarks: [Int]
    /// The student number, or nil if any digit is blank, multiple or ambiguous (or the layout has none).
    public var studentNumber: String?
    /// The union of the digits' flags.
    public var studentNumberFlags: Set<ReadingFlag>
    public var questions: [QuestionReading]
    public var digits: [DigitReading]
    public var bubbles: [BubbleMeasurement]
    /// The darkness this sheet's empty and filled bubbles were estimated at, and the resulting levels.
    public var emptyDarkness: Double
    public var filledDarkness: Double
    public var clearThreshold: Double
    /// True when any question or digit is flagged, the residual is above the review limit, or a mark was missing.
    public var needsReview: Bool
    /// The layout→image mapping, for drawing crops and annotations.
    public var transform: PlaneTransform

    /// Image dots per inch, when the layout is in millimetres.
    public func dotsPerInch(units: SheetLayout.Units) -> Double? {
        units == .millimetres ? scale * 25.4 : nil
    }
}
