// SPDX-License-Identifier: Apache-2.0
// Reads a RuleCondition from config/life-events.json strictly, naming each problem by its JSON path.

extension RuleCondition {
    /// Where a condition is written: over the answers, or over one person (a rule's `where`, a field
    /// of a person). Person conditions are refused at the answer level and the other way round, so a
    /// condition that could never be evaluated is reported when the catalog is read.
    enum Scope {
        case answers
        case person
    }

    static let insuranceKinds = ["employer", "national", "late-elderly", "welfare", "none"]

    /// Reads `true`, `false` or a condition object.
    static func read(_ element: JSONElementReader, scope: Scope) -> RuleCondition? {
        if case .bool(let value) = element.value { return .constant(value) }
        return element.object { readObject($0, scope: scope) } ?? nil
    }

    private static let operators = [
        "all", "any", "not", "answer", "some", "none", "count", "procedure", "age", "untilFirstMarch31AfterAge",
        "insurance", "careCertified", "relationship",
    ]

    private static func readObject(_ reader: JSONObjectReader, scope: Scope) -> RuleCondition? {
        let present = operators.filter { reader.object[$0] != nil }
        guard present.count == 1, let op = present.first else {
            if present.isEmpty {
                reader.problems.add(reader.path, "expected one of \(operators.joined(separator: ", "))")
            } else {
                reader.problems.add(reader.path, "expected one operator, found \(present.joined(separator: " and "))")
            }
            // Mark every key known so the same mistake is not reported twice as unknown keys.
            for key in reader.object.keys { _ = reader.has(key) }
            return nil
        }
        let personOps: Set = ["age", "untilFirstMarch31AfterAge", "insurance", "careCertified", "relationship"]
        let answerOps: Set = ["answer", "some", "none", "count", "procedure"]
        if scope == .answers, personOps.contains(op) {
            reader.problem(op, "is a condition on a person: use it inside \"where\" of some/none/count")
        }
        if scope == .person, answerOps.contains(op) {
            reader.problem(op, "is a condition on the answers and cannot be used for one person")
        }
        switch op {
        case "all", "any":
            let parts = reader.array(op) { read($0, scope: scope) } ?? []
            if parts.isEmpty { reader.problem(op, "must list at least one condition") }
            return op == "all" ? .all(parts) : .any(parts)
        case "not":
            guard let element = reader.element(op), let inner = read(element, scope: scope) else { return nil }
            return .not(inner)
        case "answer":
            guard let path = reader.string(op) else { return nil }
            if path.isEmpty || path.contains("[") {
                reader.problem(op, "expected a dotted answer path without lists, such as \"funeral.date\"")
            }
            return .answer(path: path, oneOf: reader.stringArray("in"))
        case "some", "none", "count":
            guard let name = reader.string(op) else { return nil }
            guard let group = PersonGroup(rawValue: name) else {
                let names = PersonGroup.allCases.map(\.rawValue).joined(separator: ", ")
                reader.problem(op, "must be one of \(names), found \"\(name)\"")
                return nil
            }
            let filter = reader.element("where").flatMap { read($0, scope: .person) } ?? .constant(true)
            switch op {
            case "some": return .count(group: group, where: filter, atLeast: 1, atMost: nil)
            case "none": return .count(group: group, where: filter, atLeast: nil, atMost: 0)
            default:
                let atLeast = reader.int("atLeast")
                let atMost = reader.int("atMost")
                if atLeast == nil, atMost == nil { reader.problem(op, "needs \"atLeast\" or \"atMost\"") }
                return .count(group: group, where: filter, atLeast: atLeast, atMost: atMost)
            }
        case "procedure":
            let ids = reader.stringArray(op) ?? []
            if ids.isEmpty { reader.problem(op, "must list at least one procedure id") }
            return .procedurePlanned(ids)
        case "age":
            let range = reader.object(op) { r in (min: r.int("min"), max: r.int("max")) }
            guard let range else { return nil }
            if range.min == nil, range.max == nil { reader.problem(op, "needs \"min\" or \"max\"") }
            if let lo = range.min, let hi = range.max, lo > hi { reader.problem(op, "min is above max") }
            return .age(min: range.min, max: range.max)
        case "untilFirstMarch31AfterAge":
            guard let age = reader.int(op) else { return nil }
            if !(1...30).contains(age) { reader.problem(op, "must be between 1 and 30, found \(age)") }
            return .untilFirstMarch31AfterAge(age)
        case "insurance":
            let kinds = reader.stringArray(op) ?? []
            for kind in kinds where !insuranceKinds.contains(kind) {
                reader.problem(op, "must list kinds among \(insuranceKinds.joined(separator: ", ")), found \"\(kind)\"")
            }
            if kinds.isEmpty { reader.problem(op, "must list at least one kind") }
            return .insurance(kinds)
        case "careCertified":
            guard let value = reader.bool(op) else { return nil }
            return .careCertified(value)
        case "relationship":
            let names = reader.stringArray(op) ?? []
            if names.isEmpty { reader.problem(op, "must list at least one 続柄") }
            return .relationship(names)
        default:
            return nil
        }
    }

    /// Every procedure id the condition names, for the catalog's cross-checks.
    var namedProcedures: [String] {
        switch self {
        case .procedurePlanned(let ids): ids
        case .all(let parts), .any(let parts): parts.flatMap(\.namedProcedures)
        case .not(let inner): inner.namedProcedures
        case .count(_, let filter, _, _): filter.namedProcedures
        default: []
        }
    }

    /// Every answer path the condition reads with `{"answer": …}`.
    var namedAnswers: [String] {
        switch self {
        case .answer(let path, _): [path]
        case .all(let parts), .any(let parts): parts.flatMap(\.namedAnswers)
        case .not(let inner): inner.namedAnswers
        default: []
        }
    }
}
