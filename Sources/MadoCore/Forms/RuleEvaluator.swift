// SPDX-License-Identifier: Apache-2.0
// Evaluates RuleConditions against interview answers and fires a life event's rules.

/// Pure evaluation of the condition language (see `RuleCondition`).
struct RuleEvaluator {
    let context: AnswerContext
    /// Procedure ids already in the plan, for field conditions such as "bank when money is paid".
    var planned: Set<String> = []

    init(_ context: AnswerContext, planned: Set<String> = []) {
        self.context = context
        self.planned = planned
    }

    /// Whether `condition` holds; person conditions look at `person` and are false without one.
    /// A fact that cannot be read (no birth date) makes its condition false, so a missing answer never
    /// adds a procedure by itself; the validator reports the missing answer.
    func holds(_ condition: RuleCondition, person: AnsweredPerson? = nil) -> Bool {
        switch condition {
        case .constant(let value):
            return value
        case .all(let parts):
            return parts.allSatisfy { holds($0, person: person) }
        case .any(let parts):
            return parts.contains { holds($0, person: person) }
        case .not(let inner):
            return !holds(inner, person: person)
        case .answer(let path, let oneOf):
            guard let value = context.value(at: path) else { return false }
            if let oneOf {
                guard case .string(let text) = value else { return false }
                return oneOf.contains(text.trimmingWhitespace)
            }
            return Self.isTruthy(value)
        case .count(let group, let filter, let atLeast, let atMost):
            let count = context.people(group).filter { holds(filter, person: $0.person) }.count
            return count >= (atLeast ?? 0) && count <= (atMost ?? Int.max)
        case .procedurePlanned(let ids):
            return ids.contains { planned.contains($0) }
        case .age(let min, let max):
            guard let age = person?.age else { return false }
            return age >= (min ?? Int.min) && age <= (max ?? Int.max)
        case .untilFirstMarch31AfterAge(let age):
            guard let birth = person?.birthDate, let on = person?.ageDate else { return false }
            return birth <= on && on <= birth.endOfFiscalYearAttaining(age: age)
        case .insurance(let kinds):
            guard case .string(let kind) = person?["insurance"] else { return false }
            return kinds.contains(kind)
        case .careCertified(let expected):
            guard let person else { return false }
            if case .bool(let certified) = person["careCertified"] { return certified == expected }
            return expected == false
        case .relationship(let names):
            guard case .string(let text) = person?["relationship"] else { return false }
            // Compared as 続柄, so 「妻（未届）」 matches 「妻(未届)」 and 「本人」 the 世帯主 where Relationship says so.
            let given = try? Relationship(parsing: text)
            return names.contains { name in
                if let given, let wanted = try? Relationship(parsing: name) { return given == wanted }
                return name == text.trimmingWhitespace
            }
        }
    }

    /// true, a number above 0, a non-empty text, list or object.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let b): b
        case .number(let n): (Double(n) ?? 0) > 0
        case .string(let s): !s.trimmingWhitespace.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let object): !object.members.isEmpty
        }
    }

    /// The procedures the event's rules put in the plan, in the catalog's counter order.
    func plannedProcedures(for event: LifeEvent, catalog: LifeEventCatalog) -> [PlannedProcedure] {
        var fired: [String: PlannedProcedure] = [:]
        for rule in catalog.rules(for: event.id) where fired[rule.procedure] == nil {
            guard let definition = catalog.procedure(rule.procedure) else { continue }
            var subjects: [PlanSubject] = []
            if let group = rule.subjects {
                subjects = context.people(group).filter { holds(rule.personFilter, person: $0.person) }.map(\.subject)
                guard !subjects.isEmpty else { continue }
            }
            guard holds(rule.when) else { continue }
            let template = RuleReasonTemplate(context: context, count: subjects.count)
            fired[rule.procedure] = PlannedProcedure(
                definition: definition, reason: template.render(rule.reason), reasonEn: template.render(rule.reasonEn),
                subjects: subjects)
        }
        return catalog.procedures.compactMap { fired[$0.id] }
    }
}

extension String {
    /// The text without leading and trailing spaces (ASCII and 全角).
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
