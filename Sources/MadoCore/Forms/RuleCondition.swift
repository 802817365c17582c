// SPDX-License-Identifier: Apache-2.0
// The small condition language of config/life-events.json: when a rule fires, when a field is required.

/// A condition over the interview answers, or over one person in them, written as data.
///
/// Answer-level conditions (evaluated against the whole answers):
/// - `{"all": [c, …]}`, `{"any": [c, …]}`, `{"not": c}`
/// - `{"answer": "sealRegistration"}`: the answer is given and "truthy" (true, a number above 0, a
///   non-empty text, list or object); with `"in": ["本人", …]` the answer must be one of those texts
/// - `{"some": "members", "where": p}`, `{"none": "household", "where": p}`,
///   `{"count": "household", "where": p, "atLeast": 2, "atMost": 5}`: how many people of a group
///   (`members`, `household`, `deceased`, `child`; a single person counts as a group of one) match the
///   person condition `p` (`where` may be left out: every person matches)
/// - `{"procedure": ["child-allowance", …]}`: one of these procedures is in the plan (field conditions only)
///
/// Person-level conditions (inside `where`, or on a field of a person):
/// - `{"age": {"min": 40, "max": 64}}`: 満年齢 at the notification date, bounds inclusive
/// - `{"untilFirstMarch31AfterAge": 15}`: from birth until the first 31 March after the person reaches
///   the age (中学校修了前 for 15, 高校生年代 for 18), counted at the notification date
/// - `{"insurance": ["national", "none"]}`, `{"careCertified": true}`, `{"relationship": ["世帯主"]}`
/// - `all`, `any`, `not` combine them as above.
public indirect enum RuleCondition: Sendable, Equatable {
    case constant(Bool)
    case all([RuleCondition])
    case any([RuleCondition])
    case not(RuleCondition)
    case answer(path: String, oneOf: [String]?)
    case count(group: PersonGroup, where: RuleCondition, atLeast: Int?, atMost: Int?)
    case procedurePlanned([String])
    case age(min: Int?, max: Int?)
    case untilFirstMarch31AfterAge(Int)
    case insurance([String])
    case careCertified(Bool)
    case relationship([String])

    /// True when the condition needs a person to be evaluated against.
    var isPersonLevel: Bool {
        switch self {
        case .age, .untilFirstMarch31AfterAge, .insurance, .careCertified, .relationship: true
        default: false
        }
    }
}

/// The people in the answers a rule can look at.
public enum PersonGroup: String, Sendable, CaseIterable {
    /// 異動者 / the people the notification is about.
    case members
    /// Other people of the household who stay.
    case household
    /// The deceased (death).
    case deceased
    /// The newborn (birth).
    case child

    /// Whether the answers hold a list of people under this key, or a single person.
    var isList: Bool { self == .members || self == .household }
}
