// SPDX-License-Identifier: Apache-2.0
// Fills a form template with one resident's answers: resolves each field's source, walks the repeat
// list into rows and copies of the pages, and formats each value by its kind.

/// Pure: template + answers + context → pages ready to draw. Nothing here measures text; fitting is the
/// renderer's job (`FieldFit`), since only it knows the fonts.
public enum FormFiller {
    /// Fills `template`. `answers` is the interview's JSON object (see the answers vocabulary); a missing
    /// or null answer leaves its field empty, a malformed one is an error naming `<form>.<field>`.
    public static func fill(_ template: FormTemplate, answers: JSONValue, context: FormFillContext)
        throws(FormFillError) -> FormFillResult
    {
        let root = FormFillSources.root(answers: answers, context: context)
        let formatter = FormFillFormatter(
            formID: template.id,
            referenceDate: FormFillSources.referenceDate(answers: answers) ?? context.today)

        var listEntries: [JSONValue] = []
        if let repetition = template.repetition {
            switch FormFillSources.resolve(repetition.list, in: root, row: nil) {
            case .array(let items)?: listEntries = items
            case nil, .null?: listEntries = []
            case .some:
                throw FormFillError(
                    .invalidValue, form: template.id,
                    "form \(template.id): the repeat list \"\(repetition.list)\" in the answers is not a list")
            }
        }
        let perPage = template.repetition?.perPage ?? 1
        let copies = template.repetition == nil ? 1 : max(1, (listEntries.count + perPage - 1) / perPage)

        var pages: [FormFillPage] = []
        for copy in 0..<copies {
            for (pageIndex, page) in template.pages.enumerated() {
                var fields: [FormFillField] = []
                for field in page.fields {
                    if field.isRepeated {
                        let pitch = page.rows?.pitch ?? 0
                        for row in 0..<perPage {
                            let entryIndex = copy * perPage + row
                            let entry = entryIndex < listEntries.count ? listEntries[entryIndex] : nil
                            let value = entry.flatMap { FormFillSources.resolve(field.source ?? "", in: root, row: $0) }
                            // An unused row stays blank, even for a checkbox (nothing to tick).
                            let content =
                                entry == nil
                                ? (field.kind == .signature ? .signature : .empty)
                                : try formatter.content(for: field, value: value)
                            fields.append(
                                filled(
                                    field, row: row, box: field.box.offset(dy: Double(row) * pitch), content: content))
                        }
                    } else {
                        let value = field.source.flatMap { FormFillSources.resolve($0, in: root, row: nil) }
                        let content = try formatter.content(for: field, value: value)
                        fields.append(filled(field, row: nil, box: field.box, content: content))
                    }
                }
                pages.append(
                    FormFillPage(templatePage: pageIndex, copy: copy, copies: copies, frame: page.frame, fields: fields)
                )
            }
        }
        return FormFillResult(formID: template.id, title: template.title, pages: pages)
    }

    private static func filled(_ field: FormField, row: Int?, box: FormRect, content: FormFillContent)
        -> FormFillField
    {
        FormFillField(
            id: field.id, row: row, kind: field.kind, box: box, size: field.size, minSize: field.minSize,
            align: field.align, cells: field.cells, content: content)
    }
}

/// The answers with the filler's own sources added, and path lookup into them.
enum FormFillSources {
    static func root(answers: JSONValue, context: FormFillContext) -> JSONObject {
        var object: JSONObject
        if case .object(let o) = answers { object = o } else { object = JSONObject() }
        var city = JSONObject()
        city.append("name", .string(context.cityName))
        city.append("mayor", .string(context.mayor))
        var procedure = JSONObject()
        procedure.append("name", .string(context.procedureName))
        procedure.append("reason", .string(context.procedureReason))
        procedure.append("department", .string(context.procedureDepartment))
        procedure.append("counter", .string(context.procedureCounter))
        var event = JSONObject()
        event.append("name", .string(context.eventName))
        // The filler's sources win over answers of the same name: a screen cannot rename the mayor.
        var result = JSONObject(
            object.members.filter { !["city", "today", "procedure", "event", "subjects"].contains($0.key) })
        result.append("city", .object(city))
        result.append("today", .string(context.today.iso))
        result.append("procedure", .object(procedure))
        result.append("event", .object(event))
        result.append("subjects", .array(context.subjects))
        return result
    }

    /// The date ages are counted at: the notification date when the answers have a readable one.
    static func referenceDate(answers: JSONValue) -> CivilDate? {
        guard case .object(let o) = answers, case .string(let text)? = o["notificationDate"] else { return nil }
        return CivilDate(iso: text) ?? (try? Wareki.parse(text))
    }

    /// The value at `source`; nil when any step is missing. `[]` takes `row` (the repeat list's entry).
    static func resolve(_ source: String, in root: JSONObject, row: JSONValue?) -> JSONValue? {
        guard let segments = FormTemplateReader.segments(source) else { return nil }
        var current: JSONValue = .object(root)
        for segment in segments {
            guard case .object(let object) = current, let next = object[segment.key] else { return nil }
            switch segment.index {
            case .none:
                current = next
            case .row:
                guard let row else { return nil }
                current = row
            case .fixed(let i):
                guard case .array(let items) = next, i < items.count else { return nil }
                current = items[i]
            }
        }
        return current == .null ? nil : current
    }
}
