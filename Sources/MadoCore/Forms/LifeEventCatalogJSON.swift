// SPDX-License-Identifier: Apache-2.0
// The catalog as the clerk's screen reads it (`GET /v1/life-events`): events, their questions, the procedures.

extension LifeEventCatalog {
    /// `{"events": [{"id", "name", "nameEn", "fields": [{"path", "type", "label", "labelEn", "required",
    /// "ask", "choices"?, "min"?, "length"?}]}], "procedures": [{"id", "name", "nameEn", "department",
    /// "counter", "forms"}]}`. `required` and `ask` are `true`, `false` or the condition as written in
    /// config/life-events.json, so the screen can show a question only when it applies.
    public var json: JSONValue {
        .object(
            JSONObject([
                ("events", .array(events.map(\.json))),
                ("procedures", .array(procedures.map(\.json))),
            ]))
    }
}

extension LifeEvent {
    public var json: JSONValue {
        .object(
            JSONObject([
                ("id", .string(id)), ("name", .string(name)), ("nameEn", .string(nameEn)),
                ("fields", .array(fields.map(\.json))),
            ]))
    }
}

extension InterviewField {
    public var json: JSONValue {
        var object = JSONObject([
            ("path", .string(path)), ("type", .string(type.rawValue)), ("label", .string(label)),
            ("labelEn", .string(labelEn)), ("required", required.json), ("ask", ask.json),
        ])
        if !choices.isEmpty { object.append("choices", .array(choices.map { .string($0) })) }
        if minimumCount > 0 { object.append("min", .number(String(minimumCount))) }
        if let length { object.append("length", .number(String(length))) }
        return .object(object)
    }
}

extension ProcedureDefinition {
    public var json: JSONValue {
        .object(
            JSONObject([
                ("id", .string(id)), ("name", .string(name)), ("nameEn", .string(nameEn)),
                ("department", .string(department)), ("counter", .string(counter)),
                ("forms", .array(forms.map { .string($0) })),
            ]))
    }
}

extension RuleCondition {
    /// The condition written back as config/life-events.json spells it (`some` and `none` come back as
    /// `count` with `atLeast: 1` / `atMost: 0`).
    public var json: JSONValue {
        func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        func number(_ n: Int) -> JSONValue { .number(String(n)) }
        switch self {
        case .constant(let value):
            return .bool(value)
        case .all(let parts):
            return .object(JSONObject([("all", .array(parts.map(\.json)))]))
        case .any(let parts):
            return .object(JSONObject([("any", .array(parts.map(\.json)))]))
        case .not(let inner):
            return .object(JSONObject([("not", inner.json)]))
        case .answer(let path, let oneOf):
            var object = JSONObject([("answer", .string(path))])
            if let oneOf { object.append("in", strings(oneOf)) }
            return .object(object)
        case .count(let group, let filter, let atLeast, let atMost):
            var object = JSONObject([("count", .string(group.rawValue))])
            if filter != .constant(true) { object.append("where", filter.json) }
            if let atLeast { object.append("atLeast", number(atLeast)) }
            if let atMost { object.append("atMost", number(atMost)) }
            return .object(object)
        case .procedurePlanned(let ids):
            return .object(JSONObject([("procedure", strings(ids))]))
        case .age(let min, let max):
            var range = JSONObject()
            if let min { range.append("min", number(min)) }
            if let max { range.append("max", number(max)) }
            return .object(JSONObject([("age", .object(range))]))
        case .untilFirstMarch31AfterAge(let age):
            return .object(JSONObject([("untilFirstMarch31AfterAge", number(age))]))
        case .insurance(let kinds):
            return .object(JSONObject([("insurance", strings(kinds))]))
        case .careCertified(let value):
            return .object(JSONObject([("careCertified", .bool(value))]))
        case .relationship(let names):
            return .object(JSONObject([("relationship", strings(names))]))
        }
    }
}
