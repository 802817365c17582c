// SPDX-License-Identifier: Apache-2.0
// Reads form templates strictly: every mistake in config/forms/*.json reported at once, by JSON path.
public import Foundation

/// Why a form template (or the directory of them) could not be read.
public struct FormTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or form the problems belong to, e.g. `config/forms/resident-move.json`.
    public let file: String
    public let problems: [ValidationProblem]

    public init(file: String, problems: [ValidationProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        "cannot read form template \(file): " + problems.map(\.description).joined(separator: "; ")
    }
}

/// One step of a source path: `members`, `members[]` (the row's entry) or `members[2]`.
struct FormSourceSegment: Sendable, Equatable {
    enum Index: Sendable, Equatable {
        case none
        case row
        case fixed(Int)
    }
    let key: String
    let index: Index
}

public enum FormTemplateReader {
    /// The answer keys (and filler-provided context) a source may start with. A typo in a template
    /// is caught when the config is read instead of printing an empty box at the counter.
    public static let knownRoots: Set<String> = [
        "notificationDate", "moveDate", "plannedMoveDate", "notifier", "address", "previousAddress",
        "nextAddress", "householder", "previousHouseholder", "members", "household", "deceased", "deathDate",
        "deathPlace", "funeral", "child", "sealRegistration", "certificateCopies", "bank",
        // provided by the filler
        "city", "today", "procedure", "subjects", "event",
    ]

    /// Reads one template from JSON text. `expectedID` (the file name without `.json`) must match `id`.
    public static func read(_ data: Data, file: String, expectedID: String? = nil) throws(FormTemplateError)
        -> FormTemplate
    {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            throw FormTemplateError(file: file, problems: [ValidationProblem(path: "", message: "\(error)")])
        }
        let problems = ProblemList()
        let template = JSONElementReader(value: value, path: "", problems: problems).object {
            read($0, expectedID: expectedID)
        }
        guard problems.isEmpty, let template, let template else {
            throw FormTemplateError(file: file, problems: problems.problems)
        }
        return template
    }

    /// Reads a template object. Problems go to `reader.problems`; nil when the result is unusable.
    public static func read(_ reader: JSONObjectReader, expectedID: String? = nil) -> FormTemplate? {
        let id = reader.requiredString("id") ?? ""
        if let expectedID, !id.isEmpty, id != expectedID {
            reader.problem("id", "must match the file name \"\(expectedID).json\", found \"\(id)\"")
        }
        let title = reader.requiredString("title") ?? ""
        let repetition: FormRepetition? = reader.object("repeat") { r in
            let list = r.requiredString("list") ?? ""
            if !list.isEmpty, segments(list)?.count != 1 || list.contains("[") {
                r.problem("list", "must name one list such as \"members\" or \"subjects\"")
            } else if !list.isEmpty, !knownRoots.contains(list) {
                r.problem("list", "unknown list \"\(list)\"")
            }
            let perPage = r.requiredInt("perPage") ?? 1
            if perPage < 1 || perPage > 50 { r.problem("perPage", "must be between 1 and 50, found \(perPage)") }
            return FormRepetition(list: list, perPage: max(1, perPage))
        }
        let pages =
            reader.array("pages") { element in
                element.object { readPage($0, repetition: repetition) }
            } ?? []
        if !reader.has("pages") {
            reader.problem("pages", "is required")
        } else if pages.isEmpty, reader.problems.isEmpty {
            reader.problem("pages", "must hold at least one page")
        }
        var seen: [String: String] = [:]
        for (p, page) in pages.enumerated() {
            for (f, field) in page.fields.enumerated() {
                let path = jsonPath(reader.path, "pages[\(p)].fields[\(f)].id")
                if let first = seen[field.id] {
                    reader.problems.add(path, "duplicate field id \"\(field.id)\" (first at \(first))")
                } else {
                    seen[field.id] = path
                }
            }
        }
        if let repetition, !pages.contains(where: { $0.fields.contains(where: \.isRepeated) }) {
            reader.problem(
                "repeat",
                "no field repeats over \"\(repetition.list)\" (use a source such as \"\(repetition.list)[].name\")")
        }
        return FormTemplate(id: id, title: title, repetition: repetition, pages: pages)
    }

    private static func readPage(_ page: JSONObjectReader, repetition: FormRepetition?) -> FormPage {
        let rows = page.object("rows") { r -> FormRows in
            let pitch = r.double("pitch") ?? 0
            if !r.has("pitch") { r.problem("pitch", "is required") }
            if pitch <= 0 { r.problem("pitch", "must be more than 0 mm") }
            return FormRows(pitch: pitch)
        }
        let frame = page.array("frame") { element in element.object { readFrameItem($0) } ?? nil } ?? []
        let fields =
            page.array("fields") { element in
                element.object { readField($0, repetition: repetition, rows: rows) } ?? nil
            } ?? []
        if !page.has("fields") { page.problem("fields", "is required") }
        return FormPage(frame: frame, fields: fields, rows: rows)
    }

    private static func readFrameItem(_ item: JSONObjectReader) -> FormFrameItem? {
        if item.has("line") {
            guard let n = numbers(item, "line", count: 4) else { return nil }
            let from = FormPoint(x: n[0], y: n[1])
            let to = FormPoint(x: n[2], y: n[3])
            checkPoint(item, "line", from)
            checkPoint(item, "line", to)
            let width = positive(item, "width", default: 0.3, allowZero: false)
            return .line(from: from, to: to, width: width, dashed: item.bool("dash", default: false))
        }
        if item.has("text") {
            let text = item.string("text") ?? ""
            if text.isEmpty { item.problem("text", "must not be empty") }
            guard let at = numbers(item, "at", count: 2) else {
                if !item.has("at") { item.problem("at", "is required") }
                return nil
            }
            let point = FormPoint(x: at[0], y: at[1])
            checkPoint(item, "at", point)
            let size = fontSize(item, "size", default: 9)
            let align = FormTextAlign(
                rawValue: item.choice("align", FormTextAlign.allCases.map(\.rawValue), default: "left"))!
            let weight = FormFontWeight(
                rawValue: item.choice("weight", FormFontWeight.allCases.map(\.rawValue), default: "regular"))!
            return .text(text, at: point, size: size, align: align, weight: weight)
        }
        if item.has("note") {
            let text = item.string("note") ?? ""
            if text.isEmpty { item.problem("note", "must not be empty") }
            guard let box = rect(item, "box", required: true) else { return nil }
            return .note(text, box: box, size: fontSize(item, "size", default: 8))
        }
        if item.has("box") {
            guard let box = rect(item, "box", required: true) else { return nil }
            let width = positive(item, "width", default: 0.3, allowZero: true)
            var shade: Double?
            if let s = item.double("shade") {
                if (0...1).contains(s) {
                    shade = s
                } else {
                    item.problem("shade", "must be a grey level between 0 (black) and 1 (white), found \(s)")
                }
            }
            return .box(box, width: width, shade: shade)
        }
        item.problems.add(item.path, "expected a frame item with one of \"line\", \"box\", \"text\" or \"note\"")
        return nil
    }

    private static func readField(_ f: JSONObjectReader, repetition: FormRepetition?, rows: FormRows?) -> FormField? {
        let id = f.requiredString("id") ?? ""
        if !id.isEmpty, !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            f.problem("id", "must be ASCII letters, digits, '-' or '_', found \"\(id)\"")
        }
        let kindName = f.requiredString("kind")
        var kind: FormFieldKind?
        if let kindName {
            kind = FormFieldKind(rawValue: kindName)
            if kind == nil {
                f.problem(
                    "kind",
                    "unknown kind \"\(kindName)\" (expected one of \(FormFieldKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        let source = f.string("source")
        if let source {
            checkSource(f, source, repetition: repetition, rows: rows)
        } else if let kind, kind != .signature, f.problems.problems.last?.path != jsonPath(f.path, "source") {
            f.problem("source", "is required for a \(kind.rawValue) field")
        }
        if kind == .signature, source != nil { f.problem("source", "a signature field is left blank for the resident") }
        let box = rect(f, "box", required: true)
        let size = fontSize(f, "size", default: 10)
        let minSize = fontSize(f, "minSize", default: min(6, size))
        if minSize > size {
            f.problem("minSize", "must not exceed size (\(format(size)) pt), found \(format(minSize))")
        }
        var cells: Int?
        if f.has("cells") {
            cells = f.int("cells")
            if kind != .digits { f.problem("cells", "only digits fields have cells") }
            if let c = cells, c < 1 || c > 40 { f.problem("cells", "must be between 1 and 40, found \(c)") }
        } else if kind == .digits {
            f.problem("cells", "is required for a digits field")
        }
        let equals = f.string("equals")
        if equals != nil, kind != .checkbox { f.problem("equals", "only checkbox fields have equals") }
        let align = FormTextAlign(rawValue: f.choice("align", FormTextAlign.allCases.map(\.rawValue), default: "left"))!
        guard let kind, let box else { return nil }
        if let source, source.contains("[]"), let repetition, let rows {
            let last = box.offset(dy: Double(repetition.perPage - 1) * rows.pitch)
            if last.maxY > FormTemplate.pageHeight {
                f.problem(
                    "box",
                    "row \(repetition.perPage) of \(repetition.perPage) (pitch \(format(rows.pitch)) mm) ends at y = \(format(last.maxY)) mm, below the A4 page (297 mm)"
                )
            }
        }
        return FormField(
            id: id, source: source, kind: kind, box: box, size: size, minSize: minSize, cells: cells, equals: equals,
            align: align)
    }

    private static func checkSource(
        _ f: JSONObjectReader, _ source: String, repetition: FormRepetition?, rows: FormRows?
    ) {
        guard let segments = segments(source) else {
            f.problem(
                "source",
                "expected a dotted path such as \"notifier.name\" or \"members[].birthDate\", found \"\(source)\"")
            return
        }
        if let root = segments.first?.key, !knownRoots.contains(root) {
            f.problem(
                "source", "unknown answer \"\(root)\" (expected one of \(knownRoots.sorted().joined(separator: ", ")))")
        }
        let rowSegments = segments.filter { $0.index == .row }
        guard !rowSegments.isEmpty else { return }
        if rowSegments.count > 1 || segments.first?.index != .row {
            f.problem("source", "only the first step may be a row (\"members[].name\"), found \"\(source)\"")
        } else if let repetition {
            if segments[0].key != repetition.list {
                f.problem("source", "rows walk the repeat list \"\(repetition.list)\", found \"\(source)\"")
            }
        } else {
            f.problem("source", "\"[]\" needs a \"repeat\" on the form (e.g. {\"list\": \"members\", \"perPage\": 4})")
        }
        if rows == nil, repetition != nil, (repetition?.perPage ?? 1) > 1 {
            f.problem("source", "\"[]\" on a page without \"rows\": {\"pitch\": …} (how far apart rows are)")
        }
    }

    /// Splits `members[].name` into steps; nil when the path is malformed.
    static func segments(_ source: String) -> [FormSourceSegment]? {
        guard !source.isEmpty else { return nil }
        var result: [FormSourceSegment] = []
        for part in source.split(separator: ".", omittingEmptySubsequences: false) {
            var key = Substring(part)
            var index = FormSourceSegment.Index.none
            if let open = part.firstIndex(of: "[") {
                guard part.hasSuffix("]") else { return nil }
                key = part[..<open]
                let inner = part[part.index(after: open)..<part.index(before: part.endIndex)]
                if inner.isEmpty {
                    index = .row
                } else if let n = Int(inner), n >= 0 {
                    index = .fixed(n)
                } else {
                    return nil
                }
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            result.append(FormSourceSegment(key: String(key), index: index))
        }
        return result
    }

    // MARK: numbers and geometry

    private static func numbers(_ r: JSONObjectReader, _ key: String, count: Int) -> [Double]? {
        guard let values = r.array(key, { $0.double }) else { return nil }
        guard values.count == count else {
            if r.problems.problems.last?.path.hasPrefix(jsonPath(r.path, key)) != true {
                r.problem(key, "expected \(count) numbers, found \(values.count)")
            }
            return nil
        }
        return values
    }

    private static func rect(_ r: JSONObjectReader, _ key: String, required: Bool) -> FormRect? {
        guard r.has(key) else {
            if required { r.problem(key, "is required") }
            return nil
        }
        guard let n = numbers(r, key, count: 4) else { return nil }
        let box = FormRect(x: n[0], y: n[1], width: n[2], height: n[3])
        if box.width <= 0 || box.height <= 0 {
            r.problem(
                key, "width and height must be more than 0 mm, found \(format(box.width)) × \(format(box.height))")
            return nil
        }
        if box.x < 0 || box.y < 0 || box.maxX > FormTemplate.pageWidth || box.maxY > FormTemplate.pageHeight {
            r.problem(
                key,
                "[\(format(box.x)), \(format(box.y)), \(format(box.width)), \(format(box.height))] reaches outside the A4 page (210 × 297 mm)"
            )
            return nil
        }
        return box
    }

    private static func checkPoint(_ r: JSONObjectReader, _ key: String, _ p: FormPoint) {
        if p.x < 0 || p.y < 0 || p.x > FormTemplate.pageWidth || p.y > FormTemplate.pageHeight {
            r.problem(key, "point (\(format(p.x)), \(format(p.y))) lies outside the A4 page (210 × 297 mm)")
        }
    }

    private static func fontSize(_ r: JSONObjectReader, _ key: String, default value: Double) -> Double {
        guard let size = r.double(key) else { return value }
        guard (4...72).contains(size) else {
            r.problem(key, "must be between 4 and 72 pt, found \(format(size))")
            return value
        }
        return size
    }

    private static func positive(_ r: JSONObjectReader, _ key: String, default value: Double, allowZero: Bool) -> Double
    {
        guard let v = r.double(key) else { return value }
        guard allowZero ? v >= 0 : v > 0, v <= 5 else {
            r.problem(key, "must be between \(allowZero ? "0" : "more than 0") and 5 mm, found \(format(v))")
            return value
        }
        return v
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
