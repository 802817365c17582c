// SPDX-License-Identifier: Apache-2.0
// Strict reading of a sheet layout's JSON (own sheets' layout.json, foreign sheets' layout files):
// every problem is reported with its path, and unknown keys are errors.

/// Why a sheet layout could not be read: every problem, each with its JSON path.
public struct SheetLayoutProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [ValidationProblem]

    public init(_ problems: [ValidationProblem]) { self.problems = problems }

    public var description: String {
        "the sheet layout is not valid: " + problems.map(\.description).joined(separator: "; ")
    }
}

/// Reads `SheetLayout` JSON as `SheetLayoutWriter` writes it.
public enum SheetLayoutReader {
    /// Page sizes beyond this (in either unit) are typing mistakes, not paper.
    static let maximumPageExtent = 100_000.0

    /// Reads JSON text; a syntax error is reported as one problem at the document root.
    public static func read(text: String) -> Result<SheetLayout, SheetLayoutProblems> {
        do {
            return read(try JSONParser.parse(text))
        } catch {
            return .failure(SheetLayoutProblems([ValidationProblem(path: "", message: error.description)]))
        }
    }

    public static func read(_ value: JSONValue) -> Result<SheetLayout, SheetLayoutProblems> {
        let problems = ProblemList()
        let layout = JSONElementReader(value: value, path: "", problems: problems).object { reader in
            readLayout(reader)
        }
        if !problems.isEmpty { return .failure(SheetLayoutProblems(problems.problems)) }
        guard let layout, let layout else {
            return .failure(
                SheetLayoutProblems([ValidationProblem(path: "", message: "the sheet layout could not be read")]))
        }
        return .success(layout)
    }

    private static func readLayout(_ reader: JSONObjectReader) -> SheetLayout? {
        let unitsText = reader.choice("units", ["mm", "px"], default: "mm")
        let units = SheetLayout.Units(rawValue: unitsText) ?? .millimetres
        if !reader.has("units") { reader.problem("units", "is required (\"mm\" or \"px\")") }
        let width = positive(reader, "width", required: true)
        let height = positive(reader, "height", required: true)
        let examID = reader.string("examId")
        let page = reader.int("page", default: 1, in: 1...1000)
        let layoutVersion = reader.int("layoutVersion", default: 1, in: 0...1_000_000)
        let alignment = reader.requiredObject("alignment") { readAlignment($0) } ?? nil
        let orientationMark = reader.element("orientationMark").flatMap { rect($0) }
        let qrCode = reader.element("qrCode").flatMap { rect($0) }
        let nameBox = reader.element("nameBox").flatMap { rect($0) }
        let fields = reader.array("fields") { element in element.object { readField($0) } ?? nil } ?? []
        let writtenBoxes =
            reader.array("writtenBoxes") { element in element.object { readWrittenBox($0) } ?? nil } ?? []

        var seen = Set<String>()
        for (i, field) in fields.enumerated() where !seen.insert(field.id).inserted {
            reader.problem("fields[\(i)].id", "\"\(field.id)\" is used by an earlier field")
        }
        var positions = Set<Int>()
        for (i, field) in fields.enumerated() {
            if case .digit(let position) = field.kind, !positions.insert(position).inserted {
                reader.problem("fields[\(i)].position", "digit position \(position) is used by an earlier field")
            }
        }
        guard let width, let height, let alignment else { return nil }
        return SheetLayout(
            units: units, width: width, height: height, examID: examID, page: page, layoutVersion: layoutVersion,
            alignment: alignment, orientationMark: orientationMark, qrCode: qrCode, fields: fields,
            writtenBoxes: writtenBoxes, nameBox: nameBox)
    }

    private static func readAlignment(_ reader: JSONObjectReader) -> SheetLayout.Alignment? {
        guard let kind = reader.requiredString("kind") else { return nil }
        switch kind {
        case "marks":
            guard let marks = reader.array("marks", { element in element.object { readMark($0) } ?? nil }) else {
                reader.problem("marks", "is required when kind is \"marks\"")
                return nil
            }
            if marks.count < 3 {
                reader.problem("marks", "needs at least 3 alignment marks to register a scan, found \(marks.count)")
            }
            return .marks(marks)
        case "page-edges":
            return .pageEdges
        default:
            reader.problem("kind", "must be \"marks\" or \"page-edges\", found \"\(kind)\"")
            return nil
        }
    }

    private static func readMark(_ reader: JSONObjectReader) -> AlignmentMark? {
        let centre = required(reader, "centre", point)
        let size = positive(reader, "size", required: true)
        let shape = AlignmentMark.Shape(rawValue: reader.choice("shape", ["square", "circle"], default: "square"))
        let searchArea = required(reader, "searchArea", rect)
        guard let centre, let size, let shape, let searchArea else { return nil }
        if !searchArea.contains(centre) { reader.problem("searchArea", "does not contain the mark's centre") }
        return AlignmentMark(centre: centre, size: size, shape: shape, searchArea: searchArea)
    }

    private static func readField(_ reader: JSONObjectReader) -> Field? {
        let id = reader.requiredString("id")
        if let id, id.isEmpty { reader.problem("id", "must not be empty") }
        let kindText = reader.requiredString("kind")
        var kind: Field.Kind?
        switch kindText {
        case "choice":
            let question = reader.requiredString("question")
            let multiple = reader.bool("multiple", default: false)
            if let question { kind = .choice(questionID: question, multiple: multiple) }
        case "digit":
            if let position = reader.requiredInt("position") {
                if position < 0 || position > 99 {
                    reader.problem("position", "must be between 0 and 99, found \(position)")
                } else {
                    kind = .digit(position: position)
                }
            }
        case nil:
            break
        case let other?:
            reader.problem("kind", "must be \"choice\" or \"digit\", found \"\(other)\"")
        }
        guard let bubbles = reader.array("bubbles", { element in element.object { readBubble($0) } ?? nil }) else {
            reader.problem("bubbles", "is required")
            return nil
        }
        if bubbles.isEmpty { reader.problem("bubbles", "needs at least one bubble") }
        var labels = Set<String>()
        for (i, bubble) in bubbles.enumerated() where !labels.insert(bubble.label).inserted {
            reader.problem("bubbles[\(i)].label", "\"\(bubble.label)\" appears twice in this field")
        }
        guard let id, let kind else { return nil }
        return Field(id: id, kind: kind, bubbles: bubbles)
    }

    private static func readBubble(_ reader: JSONObjectReader) -> Bubble? {
        let label = reader.requiredString("label")
        if let label, label.isEmpty { reader.problem("label", "must not be empty") }
        let centre = required(reader, "centre", point)
        let size = required(reader, "size", point)
        if let size, !(size.x > 0 && size.y > 0) { reader.problem("size", "width and height must be positive") }
        let shape = Bubble.Shape(rawValue: reader.choice("shape", ["ellipse", "rect"], default: "ellipse"))
        guard let label, let centre, let size, size.x > 0, size.y > 0, let shape else { return nil }
        return Bubble(label: label, centre: centre, width: size.x, height: size.y, shape: shape)
    }

    private static func readWrittenBox(_ reader: JSONObjectReader) -> WrittenBox? {
        let question = reader.requiredString("question")
        let rect = required(reader, "rect", rect)
        guard let question, let rect else { return nil }
        return WrittenBox(questionID: question, rect: rect)
    }

    // MARK: Numbers, points and rectangles

    private static func required<T>(
        _ reader: JSONObjectReader, _ key: String, _ read: (JSONElementReader) -> T?
    ) -> T? {
        guard let element = reader.element(key) else {
            reader.problem(key, "is required")
            return nil
        }
        return read(element)
    }

    private static func positive(_ reader: JSONObjectReader, _ key: String, required: Bool) -> Double? {
        guard let element = reader.element(key) else {
            if required { reader.problem(key, "is required") }
            return nil
        }
        guard let value = finite(element) else { return nil }
        guard value > 0, value <= maximumPageExtent else {
            reader.problem(key, "must be greater than 0 and at most \(Int(maximumPageExtent)), found \(value)")
            return nil
        }
        return value
    }

    private static func finite(_ element: JSONElementReader) -> Double? {
        guard let value = element.double else { return nil }
        guard value.isFinite else {
            element.problems.add(element.path, "is too large a number")
            return nil
        }
        return value
    }

    private static func numbers(_ element: JSONElementReader, count: Int, shape: String) -> [Double]? {
        guard case .array(let items) = element.value, items.count == count else {
            element.problems.add(element.path, "expected \(shape)")
            return nil
        }
        let values = items.enumerated().compactMap { i, item in
            finite(JSONElementReader(value: item, path: "\(element.path)[\(i)]", problems: element.problems))
        }
        return values.count == count ? values : nil
    }

    private static func point(_ element: JSONElementReader) -> Point? {
        guard let v = numbers(element, count: 2, shape: "[x, y]") else { return nil }
        return Point(x: v[0], y: v[1])
    }

    private static func rect(_ element: JSONElementReader) -> Rect? {
        guard let v = numbers(element, count: 4, shape: "[x, y, width, height]") else { return nil }
        guard v[2] > 0, v[3] > 0 else {
            element.problems.add(element.path, "width and height must be positive")
            return nil
        }
        return Rect(x: v[0], y: v[1], width: v[2], height: v[3])
    }
}
