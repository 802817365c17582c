// SPDX-License-Identifier: Apache-2.0
// Writes a sheet layout as the JSON `SheetLayoutReader` reads (layout.json of an exam page).

public enum SheetLayoutWriter {
    /// The layout as a JSON value, keys in the documented order; optional members left out when absent.
    public static func json(_ layout: SheetLayout) -> JSONValue {
        var object = JSONObject()
        object.append("units", .string(layout.units.rawValue))
        object.append("width", number(layout.width))
        object.append("height", number(layout.height))
        if let examID = layout.examID { object.append("examId", .string(examID)) }
        object.append("page", .number(String(layout.page)))
        object.append("layoutVersion", .number(String(layout.layoutVersion)))
        switch layout.alignment {
        case .marks(let marks):
            object.append(
                "alignment",
                .object(JSONObject([("kind", .string("marks")), ("marks", .array(marks.map(mark)))])))
        case .pageEdges:
            object.append("alignment", .object(JSONObject([("kind", .string("page-edges"))])))
        }
        if let r = layout.orientationMark { object.append("orientationMark", rect(r)) }
        if let r = layout.qrCode { object.append("qrCode", rect(r)) }
        if let r = layout.nameBox { object.append("nameBox", rect(r)) }
        object.append("fields", .array(layout.fields.map(field)))
        object.append(
            "writtenBoxes",
            .array(
                layout.writtenBoxes.map { box in
                    .object(JSONObject([("question", .string(box.questionID)), ("rect", rect(box.rect))]))
                }))
        return .object(object)
    }

    /// The layout as compact JSON text.
    public static func text(_ layout: SheetLayout) -> String { json(layout).serialized() }

    private static func mark(_ mark: AlignmentMark) -> JSONValue {
        .object(
            JSONObject([
                ("centre", point(mark.centre)), ("size", number(mark.size)), ("shape", .string(mark.shape.rawValue)),
                ("searchArea", rect(mark.searchArea)),
            ]))
    }

    private static func field(_ field: Field) -> JSONValue {
        var object = JSONObject([("id", .string(field.id))])
        switch field.kind {
        case .choice(let questionID, let multiple):
            object.append("kind", .string("choice"))
            object.append("question", .string(questionID))
            object.append("multiple", .bool(multiple))
        case .digit(let position):
            object.append("kind", .string("digit"))
            object.append("position", .number(String(position)))
        }
        object.append(
            "bubbles",
            .array(
                field.bubbles.map { bubble in
                    .object(
                        JSONObject([
                            ("label", .string(bubble.label)), ("centre", point(bubble.centre)),
                            ("size", .array([number(bubble.width), number(bubble.height)])),
                            ("shape", .string(bubble.shape.rawValue)),
                        ]))
                }))
        return .object(object)
    }

    private static func point(_ p: Point) -> JSONValue { .array([number(p.x), number(p.y)]) }

    private static func rect(_ r: Rect) -> JSONValue {
        .array([number(r.x), number(r.y), number(r.width), number(r.height)])
    }

    /// Whole numbers without ".0" (12, not 12.0); others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }
}
