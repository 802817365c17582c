// SPDX-License-Identifier: Apache-2.0
// Where everything is on one answer-sheet page: alignment marks, bubbles, written-answer boxes. The same
// value is the JSON of GET /v1/exams/{id}/layout.json and of a foreign (pre-printed) sheet's layout file.

/// A point in layout units (top-left origin, y down).
public struct Point: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in layout units: top-left corner and size.
public struct Rect: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var centre: Point { Point(x: x + width / 2, y: y + height / 2) }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
}

/// A printed solid mark the reader finds to register the scan against the layout.
public struct AlignmentMark: Sendable, Equatable {
    public enum Shape: String, Sendable { case square, circle }

    public var centre: Point
    /// Side (square) or diameter (circle), in layout units.
    public var size: Double
    public var shape: Shape
    /// Where on the page the reader looks for this mark, in layout units.
    public var searchArea: Rect

    public init(centre: Point, size: Double, shape: Shape = .square, searchArea: Rect) {
        self.centre = centre
        self.size = size
        self.shape = shape
        self.searchArea = searchArea
    }
}

/// One printed bubble (or box) a student fills in.
public struct Bubble: Sendable, Equatable {
    public enum Shape: String, Sendable { case ellipse, rect }

    /// The option this bubble stands for ("ア", "3", "B"); "0"…"9" in a student-number column.
    public var label: String
    public var centre: Point
    public var width: Double
    public var height: Double
    public var shape: Shape

    public init(label: String, centre: Point, width: Double, height: Double, shape: Shape = .ellipse) {
        self.label = label
        self.centre = centre
        self.width = width
        self.height = height
        self.shape = shape
    }
}

/// A group of bubbles read together: one choice question, or one digit column of the student number.
public struct Field: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A choice question; `multiple` when the student may mark more than one option.
        case choice(questionID: String, multiple: Bool)
        /// One digit of the student number; position 0 is the leftmost digit.
        case digit(position: Int)
    }

    public var id: String
    public var kind: Kind
    public var bubbles: [Bubble]

    public init(id: String, kind: Kind, bubbles: [Bubble]) {
        self.id = id
        self.kind = kind
        self.bubbles = bubbles
    }
}

/// A box for a handwritten answer, shown to the teacher as a crop.
public struct WrittenBox: Sendable, Equatable {
    public var questionID: String
    public var rect: Rect

    public init(questionID: String, rect: Rect) {
        self.questionID = questionID
        self.rect = rect
    }
}

/// The geometry of one answer-sheet page.
public struct SheetLayout: Sendable, Equatable {
    public enum Units: String, Sendable {
        case millimetres = "mm"
        /// Pixels of the reference scan a foreign sheet's layout was measured on.
        case pixels = "px"
    }

    /// How the reader registers a scan against the layout.
    public enum Alignment: Sendable, Equatable {
        /// Printed marks (own sheets: four corner squares).
        case marks([AlignmentMark])
        /// Foreign sheets without marks: the paper edges (or the image frame).
        case pageEdges
    }

    public var units: Units
    /// Page size in units (A4 = 210 × 297 mm).
    public var width: Double
    public var height: Double
    public var examID: String?
    public var page: Int
    public var layoutVersion: Int
    public var alignment: Alignment
    /// A small solid square that breaks the four-fold symmetry of the marks, so 0/90/180/270 is known.
    public var orientationMark: Rect?
    public var qrCode: Rect?
    public var fields: [Field]
    public var writtenBoxes: [WrittenBox]
    public var nameBox: Rect?

    public init(
        units: Units = .millimetres, width: Double, height: Double, examID: String? = nil, page: Int = 1,
        layoutVersion: Int = 1, alignment: Alignment, orientationMark: Rect? = nil, qrCode: Rect? = nil,
        fields: [Field] = [], writtenBoxes: [WrittenBox] = [], nameBox: Rect? = nil
    ) {
        self.units = units
        self.width = width
        self.height = height
        self.examID = examID
        self.page = page
        self.layoutVersion = layoutVersion
        self.alignment = alignment
        self.orientationMark = orientationMark
        self.qrCode = qrCode
        self.fields = fields
        self.writtenBoxes = writtenBoxes
        self.nameBox = nameBox
    }

    /// The alignment marks, or none for `.pageEdges`.
    public var alignmentMarks: [AlignmentMark] {
        if case .marks(let marks) = alignment { return marks }
        return []
    }
}
