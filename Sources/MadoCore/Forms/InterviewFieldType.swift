// SPDX-License-Identifier: Apache-2.0
// The kinds of answer an interview field holds, each checked by its own rule.

/// What an answer must look like. Leaf types are checked with the Japanese value types
/// (`CivilDate`/`Wareki`, `Furigana`, `PostalCode`, `MyNumber`, `JapaneseAddress`, `Relationship`,
/// `PhoneNumber`); container types hold further fields.
public enum InterviewFieldType: String, Sendable, CaseIterable {
    case text
    case kana
    /// ISO `YYYY-MM-DD` or 和暦 text such as `令和6年4月1日`.
    case date
    case postal
    /// `{postalCode, prefecture, municipality, town, banchi, katagaki}`.
    case address
    /// One person: an object whose keys are the fields declared under it.
    case person
    /// A list of persons, each an object whose keys are the fields declared under `path[]`.
    case personList = "person-list"
    /// Any other object (`bank`, `funeral`, `notifier`): keys are the fields declared under it.
    case object
    case myNumber = "my-number"
    case phone
    /// 続柄 to the 世帯主 (世帯主, 妻, 子, 妻(未届), …).
    case relationship
    /// 男 or 女.
    case sex
    /// employer, national, late-elderly, welfare or none.
    case insurance
    case bool
    /// A whole number, 0 or more.
    case count
    /// One of the field's `choices`.
    case choice
    /// A string of ASCII digits (a bank account number); `length` fixes how many.
    case digits

    /// Types whose value is an object or list of objects with fields of their own.
    var isContainer: Bool { self == .person || self == .personList || self == .object }
}
