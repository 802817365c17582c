// SPDX-License-Identifier: Apache-2.0
// Read-only access to interview answers for the rules: the notification date, the people, their ages.

/// The answers as the rules see them. Values that do not read (a malformed birth date) are treated as
/// absent here; the validator reports them.
struct AnswerContext {
    let answers: JSONValue
    let root: JSONObject
    /// 届出日: ages are counted on this day.
    let notificationDate: CivilDate?

    init(_ answers: JSONValue) {
        self.answers = answers
        if case .object(let object) = answers { root = object } else { root = JSONObject() }
        notificationDate = AnswerContext.date(root["notificationDate"])
    }

    /// Reads an ISO or 和暦 date answer; nil when absent or unreadable.
    static func date(_ value: JSONValue?) -> CivilDate? {
        guard case .string(let text) = value else { return nil }
        return try? Wareki.parse(text)
    }

    /// The value at a dotted path without lists (`funeral.date`), nil when absent or null.
    func value(at path: String) -> JSONValue? {
        var current: JSONValue = answers
        for key in path.split(separator: ".") {
            guard case .object(let object) = current, let next = object[String(key)] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    /// The people of a group with their subjects, in answer order; entries that are not objects are skipped.
    func people(_ group: PersonGroup) -> [(subject: PlanSubject, person: AnsweredPerson)] {
        switch group {
        case .members, .household:
            guard case .array(let list) = root[group.rawValue] else { return [] }
            return list.enumerated().compactMap { index, value in
                guard case .object(let object) = value else { return nil }
                return (group == .members ? .member(index) : .household(index), person(object, in: group))
            }
        case .deceased, .child:
            guard case .object(let object) = root[group.rawValue] else { return [] }
            return [(group == .deceased ? .deceased : .child, person(object, in: group))]
        }
    }

    /// A person of `group` with the day their age is counted on: the notification date, except for the
    /// deceased, whose age is the age at death (a 74-year-old who died the week before turning 75 was
    /// never in 後期高齢者医療).
    func person(_ object: JSONObject, in group: PersonGroup?) -> AnsweredPerson {
        let deathDate = group == .deceased ? AnswerContext.date(root["deathDate"]) : nil
        return AnsweredPerson(object: object, ageDate: deathDate ?? notificationDate)
    }
}

/// One person of the answers, as the rules see them.
struct AnsweredPerson {
    let object: JSONObject
    /// The day ages are counted on.
    let ageDate: CivilDate?

    subscript(key: String) -> JSONValue? { object[key] }

    var birthDate: CivilDate? { AnswerContext.date(object["birthDate"]) }

    /// 満年齢 on `ageDate`; nil when either date is missing or unreadable.
    var age: Int? {
        guard let birth = birthDate, let on = ageDate else { return nil }
        return birth.age(on: on)
    }
}
