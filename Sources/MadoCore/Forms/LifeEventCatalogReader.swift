// SPDX-License-Identifier: Apache-2.0
// Reads config/life-events.json strictly: every problem is reported at once with its JSON path.
internal import Foundation

extension LifeEventCatalog {
    /// Reads the catalog object. Problems go to `reader.problems`; when there are any, the result
    /// must not be used.
    ///
    /// ```json
    /// {
    ///   "procedures": [{"id": "child-allowance", "name": "児童手当 認定請求", "nameEn": "child allowance claim",
    ///                   "department": "こども家庭課", "counter": "3番窓口", "forms": ["child-allowance-claim"]}],
    ///   "fieldSets": {"person": [{"path": "birthDate", "type": "date", "label": "生年月日",
    ///                             "labelEn": "date of birth", "required": true}]},
    ///   "events": [{"id": "move-in", "name": "転入", "nameEn": "moving in", "fields": [
    ///       {"path": "members", "type": "person-list", "label": "異動者", "labelEn": "people moving",
    ///        "required": true, "min": 1, "fieldSet": "person"}]}],
    ///   "rules": [{"procedure": "child-allowance", "events": ["move-in"], "subjects": "members",
    ///              "where": {"untilFirstMarch31AfterAge": 18},
    ///              "reason": "高校生年代までの子 ({count}人) が転入するため",
    ///              "reasonEn": "{count} child(ren) up to high-school age move in"}]
    /// }
    /// ```
    public static func read(from reader: JSONObjectReader) -> LifeEventCatalog {
        let procedures =
            reader.array("procedures") { element in element.object { readProcedure($0) } ?? nil } ?? []
        if !reader.has("procedures") { reader.problem("procedures", "is required") }
        checkUnique(procedures.map(\.id), reader: reader, key: "procedures", what: "procedure id")
        checkUnique(procedures.map(\.name), reader: reader, key: "procedures", what: "procedure name")
        let procedureIDs = Set(procedures.map(\.id))

        var fieldSets: [String: (path: String, value: JSONValue)] = [:]
        if let sets = reader.element("fieldSets") {
            if case .object(let object) = sets.value {
                for (name, value) in object.members { fieldSets[name] = ("fieldSets.\(name)", value) }
            } else {
                reader.problem("fieldSets", "expected an object of named field lists, found \(sets.value.typeName)")
            }
        }

        let events =
            reader.array("events") { element in
                element.object { readEvent($0, fieldSets: fieldSets, procedures: procedureIDs) } ?? nil
            } ?? []
        if !reader.has("events") { reader.problem("events", "is required") }
        checkUnique(events.map(\.id), reader: reader, key: "events", what: "event id")
        checkUnique(events.map(\.name), reader: reader, key: "events", what: "event name")

        let rules =
            reader.array("rules") { element in
                element.object { readRule($0, events: events, procedures: procedureIDs) } ?? nil
            } ?? []
        if !reader.has("rules") { reader.problem("rules", "is required") }
        return LifeEventCatalog(events: events, procedures: procedures, rules: rules)
    }

    private static func checkUnique(_ values: [String], reader: JSONObjectReader, key: String, what: String) {
        var seen: Set<String> = []
        for (index, value) in values.enumerated() where !seen.insert(value).inserted {
            reader.problems.add("\(key)[\(index)]", "duplicate \(what) \"\(value)\"")
        }
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func requiredText(_ reader: JSONObjectReader, _ key: String) -> String? {
        guard let text = reader.requiredString(key) else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.problem(key, "must not be empty")
            return nil
        }
        return text
    }

    private static func readProcedure(_ reader: JSONObjectReader) -> ProcedureDefinition? {
        let id = requiredText(reader, "id")
        if let id, !isIdentifier(id) { reader.problem("id", "expected lower-case ASCII letters, digits and -") }
        let name = requiredText(reader, "name")
        let nameEn = requiredText(reader, "nameEn")
        let department = requiredText(reader, "department")
        let counter = requiredText(reader, "counter")
        let forms = reader.stringArray("forms")
        if forms == nil, !reader.has("forms") { reader.problem("forms", "is required (may be [])") }
        for form in forms ?? [] where !isIdentifier(form) {
            reader.problem("forms", "form id \"\(form)\" is not lower-case ASCII letters, digits and -")
        }
        guard let id, let name, let nameEn, let department, let counter else { return nil }
        return ProcedureDefinition(
            id: id, name: name, nameEn: nameEn, department: department, counter: counter, forms: forms ?? [])
    }

    // MARK: - Events and their interview fields

    private static func readEvent(
        _ reader: JSONObjectReader, fieldSets: [String: (path: String, value: JSONValue)], procedures: Set<String>
    ) -> LifeEvent? {
        let id = requiredText(reader, "id")
        if let id, !isIdentifier(id) { reader.problem("id", "expected lower-case ASCII letters, digits and -") }
        let name = requiredText(reader, "name")
        let nameEn = requiredText(reader, "nameEn")
        var fields: [InterviewField] = []
        if let list = reader.element("fields") {
            readFields(
                list, prefix: "", parentType: nil, fieldSets: fieldSets, expanding: [], into: &fields,
                problems: reader.problems)
        } else {
            reader.problem("fields", "is required")
        }
        // Names of fields are checked against each other once the whole event is read.
        var seen: Set<String> = []
        for field in fields where !seen.insert(field.path).inserted {
            reader.problem("fields", "field \"\(field.path)\" is declared twice")
        }
        for field in fields {
            for named in field.required.namedProcedures + field.ask.namedProcedures where !procedures.contains(named) {
                reader.problem("fields", "field \"\(field.path)\" names unknown procedure \"\(named)\"")
            }
            for path in field.required.namedAnswers + field.ask.namedAnswers where !seen.contains(path) {
                reader.problem(
                    "fields", "field \"\(field.path)\" reads answer \"\(path)\", which the event does not ask")
            }
        }
        guard let id, let name, let nameEn else { return nil }
        return LifeEvent(id: id, name: name, nameEn: nameEn, fields: fields)
    }

    /// Reads a list of fields whose paths are relative to `prefix` (`members[].` inside a person list).
    private static func readFields(
        _ element: JSONElementReader, prefix: String, parentType: InterviewFieldType?,
        fieldSets: [String: (path: String, value: JSONValue)], expanding: [String], into fields: inout [InterviewField],
        problems: ProblemList
    ) {
        _ = element.array { item -> Void? in
            item.object { reader -> Void in
                readField(
                    reader, prefix: prefix, parentType: parentType, fieldSets: fieldSets, expanding: expanding,
                    into: &fields)
            }
        }
    }

    private static func readField(
        _ reader: JSONObjectReader, prefix: String, parentType: InterviewFieldType?,
        fieldSets: [String: (path: String, value: JSONValue)], expanding: [String], into fields: inout [InterviewField]
    ) {
        let relative = requiredText(reader, "path")
        let typeName = reader.requiredString("type")
        let type = typeName.flatMap(InterviewFieldType.init(rawValue:))
        if let typeName, type == nil {
            let names = InterviewFieldType.allCases.map(\.rawValue).joined(separator: ", ")
            reader.problem("type", "must be one of \(names), found \"\(typeName)\"")
        }
        let label = requiredText(reader, "label")
        let labelEn = requiredText(reader, "labelEn")
        // A field of a person is judged against that person; any other field against the answers.
        let scope: RuleCondition.Scope = (parentType == .person || parentType == .personList) ? .person : .answers
        let required: RuleCondition
        if let element = reader.element("required") {
            required = RuleCondition.read(element, scope: scope) ?? .constant(false)
        } else {
            reader.problem("required", "is required (true, false or a condition)")
            required = .constant(false)
        }
        let ask = reader.element("ask").flatMap { RuleCondition.read($0, scope: scope) } ?? .constant(true)
        let choices = reader.stringArray("choices") ?? []
        if type == .choice, choices.isEmpty { reader.problem("choices", "a choice field must list its choices") }
        if type != .choice, !choices.isEmpty { reader.problem("choices", "only a choice field has choices") }
        let minimum = reader.int("min") ?? 0
        if minimum != 0, type != .personList { reader.problem("min", "only a person-list has a minimum count") }
        let length = reader.int("length")
        if length != nil, type != .digits { reader.problem("length", "only a digits field has a length") }

        guard let relative, let type, let label, let labelEn else { return }
        if relative.split(separator: ".", omittingEmptySubsequences: false).contains(where: { segment in
            let name = segment.hasSuffix("[]") ? segment.dropLast(2) : segment[...]
            return name.isEmpty
                || !name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }) {
            reader.problem("path", "expected names joined by dots, such as \"funeral.date\" or \"members[].name\"")
            return
        }
        let path = prefix + relative
        let field = InterviewField(
            path: path, type: type, label: label, labelEn: labelEn, required: required, ask: ask, choices: choices,
            minimumCount: minimum, length: length)
        // A dotted path must sit inside a container declared before it, so that the container's
        // requiredness decides whether its fields are looked at.
        if field.parentPath != "" {
            let parent = fields.first { $0.path == field.parentPath || $0.path + "[]" == field.parentPath }
            if parent == nil || parent?.type.isContainer == false {
                reader.problem(
                    "path", "\"\(field.parentPath)\" must be declared before it as a person, person-list or object")
            } else if let parent, parent.type == .personList, field.parentPath == parent.path {
                reader.problem("path", "fields of a person-list are written \"\(parent.path)[].\(field.key)\"")
            }
        }
        fields.append(field)

        let childPrefix = path + (type == .personList ? "[]." : ".")
        if let setName = reader.string("fieldSet") {
            if !type.isContainer {
                reader.problem("fieldSet", "only a person, person-list or object field has a field set")
            } else if expanding.contains(setName) {
                reader.problem("fieldSet", "field set \"\(setName)\" contains itself")
            } else if let set = fieldSets[setName] {
                readFields(
                    JSONElementReader(value: set.value, path: set.path, problems: reader.problems), prefix: childPrefix,
                    parentType: type, fieldSets: fieldSets, expanding: expanding + [setName], into: &fields,
                    problems: reader.problems)
            } else {
                reader.problem("fieldSet", "no field set named \"\(setName)\" in fieldSets")
            }
        }
        if let inner = reader.element("fields") {
            if !type.isContainer { reader.problem("fields", "only a person, person-list or object field has fields") }
            readFields(
                inner, prefix: childPrefix, parentType: type, fieldSets: fieldSets, expanding: expanding, into: &fields,
                problems: reader.problems)
        }
    }

    // MARK: - Rules

    private static func readRule(
        _ reader: JSONObjectReader, events: [LifeEvent], procedures: Set<String>
    ) -> ProcedureRule? {
        let procedure = requiredText(reader, "procedure")
        if let procedure, !procedures.contains(procedure) {
            reader.problem("procedure", "no procedure \"\(procedure)\" in procedures")
        }
        let eventIDs = reader.stringArray("events") ?? []
        if !reader.has("events") || eventIDs.isEmpty { reader.problem("events", "must list at least one event id") }
        let ruleEvents = eventIDs.compactMap { id -> LifeEvent? in
            guard let event = events.first(where: { $0.id == id }) else {
                reader.problem("events", "no event \"\(id)\" in events")
                return nil
            }
            return event
        }
        var subjects: PersonGroup?
        if let name = reader.string("subjects") {
            subjects = PersonGroup(rawValue: name)
            if subjects == nil {
                let names = PersonGroup.allCases.map(\.rawValue).joined(separator: ", ")
                reader.problem("subjects", "must be one of \(names), found \"\(name)\"")
            }
        }
        let filter = reader.element("where").flatMap { RuleCondition.read($0, scope: .person) } ?? .constant(true)
        if reader.has("where"), !reader.has("subjects") { reader.problem("where", "needs \"subjects\" to look at") }
        let when = reader.element("when").flatMap { RuleCondition.read($0, scope: .answers) } ?? .constant(true)
        if !reader.has("subjects"), !reader.has("when") {
            reader.problem("when", "a rule without subjects needs a condition")
        }
        let reason = requiredText(reader, "reason")
        let reasonEn = requiredText(reader, "reasonEn")
        _ = reader.string("note")  // for the people who maintain the file: why the rule reads as it does

        // Everything the rule reads must be something its events ask, or a typo would never fire.
        for event in ruleEvents {
            var groups = when.namedGroups
            if let subjects { groups.append(subjects) }
            for group in groups where event.field(at: group.rawValue) == nil {
                reader.problems.add(
                    reader.path, "reads \"\(group.rawValue)\", which event \"\(event.id)\" does not ask")
            }
            for path in when.namedAnswers where event.field(at: path) == nil {
                reader.problems.add(reader.path, "reads answer \"\(path)\", which event \"\(event.id)\" does not ask")
            }
            for template in [reason, reasonEn].compactMap({ $0 }) {
                for placeholder in RuleReasonTemplate.placeholders(in: template) {
                    if placeholder == "count" { continue }
                    if placeholder.hasPrefix("answer:") {
                        let path = String(placeholder.dropFirst("answer:".count))
                        if event.field(at: path)?.type != .count {
                            reader.problem(
                                "reason", "{\(placeholder)} must name a count answer of event \"\(event.id)\"")
                        }
                    } else {
                        reader.problem("reason", "unknown placeholder {\(placeholder)} (use {count} or {answer:path})")
                    }
                }
            }
        }
        for named in when.namedProcedures {
            reader.problem("when", "a rule cannot depend on procedure \"\(named)\": rules decide the procedures")
        }
        guard let procedure, let reason, let reasonEn else { return nil }
        return ProcedureRule(
            procedure: procedure, events: eventIDs, subjects: subjects, personFilter: filter, when: when,
            reason: reason, reasonEn: reasonEn)
    }
}

extension RuleCondition {
    /// The person groups the condition counts.
    var namedGroups: [PersonGroup] {
        switch self {
        case .count(let group, _, _, _): [group]
        case .all(let parts), .any(let parts): parts.flatMap(\.namedGroups)
        case .not(let inner): inner.namedGroups
        default: []
        }
    }
}
