// SPDX-License-Identifier: Apache-2.0
// Checks interview answers against the event's schema: types, required fields, unknown keys.

/// Walks the answers along the event's fields. Every error names its path (`members[1].birthDate`)
/// and never the value. A key the schema does not know is an error, so a typo (`memebers`) cannot
/// silently drop a procedure.
struct AnswerValidator {
    let event: LifeEvent
    let evaluator: RuleEvaluator
    /// Fields by the path of the object holding them ("" for the top level, `members[]` for a person).
    private let fieldsByParent: [String: [InterviewField]]

    init(event: LifeEvent, evaluator: RuleEvaluator) {
        self.event = event
        self.evaluator = evaluator
        fieldsByParent = Dictionary(grouping: event.fields, by: \.parentPath)
    }

    func validate(_ answers: JSONValue) -> [AnswerError] {
        var errors: [AnswerError] = []
        guard case .object(let root) = answers else {
            errors.append(
                AnswerError(
                    field: "answers", code: "invalid_type", message: "回答はオブジェクトで送ってください",
                    messageEn: "the answers must be a JSON object"))
            return errors
        }
        checkObject(root, schemaPath: "", path: "", person: nil, into: &errors)
        return errors
    }

    private static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    /// Checks one object: unknown keys, then each declared field in schema order.
    private func checkObject(
        _ object: JSONObject, schemaPath: String, path: String, person: AnsweredPerson?,
        into errors: inout [AnswerError]
    ) {
        let fields = fieldsByParent[schemaPath] ?? []
        let known = Set(fields.map(\.key))
        for key in object.keys where !known.contains(key) {
            errors.append(
                AnswerError(
                    field: Self.join(path, key), code: "unknown_field",
                    message: "「\(event.name)」の届出にない項目です（項目名の誤りがないか確認してください）",
                    messageEn: "is not an answer of the \(event.id) interview (check the key for a typo)"))
        }
        for field in fields {
            let fieldPath = Self.join(path, field.key)
            let value = object[field.key]
            if value == nil || value == .null || value == .string("") {
                if evaluator.holds(field.required, person: person) {
                    errors.append(
                        AnswerError(
                            field: fieldPath, code: "required", message: "\(field.label)を入力してください",
                            messageEn: "\(field.labelEn) is required"))
                }
                continue
            }
            check(value!, field: field, path: fieldPath, person: person, into: &errors)
        }
    }

    private func check(
        _ value: JSONValue, field: InterviewField, path: String, person: AnsweredPerson?,
        into errors: inout [AnswerError]
    ) {
        func fail(_ code: String, _ message: String, _ messageEn: String) {
            errors.append(
                AnswerError(
                    field: path, code: code, message: "\(field.label): \(message)",
                    messageEn: "\(field.labelEn): \(messageEn)"))
        }
        func wrongType(_ japanese: String, _ english: String) {
            fail("invalid_type", "\(japanese)で入力してください", "expected \(english), found \(value.typeName)")
        }
        func text(_ body: (String) throws(JapaneseFormatError) -> Void) {
            guard case .string(let s) = value else { return wrongType("文字", "a string") }
            do {
                try body(s)
            } catch {
                fail(error.code.rawValue, error.message, error.messageEnglish)
            }
        }
        func oneOf(_ choices: [String]) {
            guard case .string(let s) = value else { return wrongType("文字", "a string") }
            if !choices.contains(s.trimmingWhitespace) {
                fail(
                    "invalid_choice", "\(choices.joined(separator: "・"))のいずれかを選んでください",
                    "must be one of \(choices.joined(separator: ", "))")
            }
        }

        switch field.type {
        case .text:
            guard case .string(let s) = value else { return wrongType("文字", "a string") }
            if s.trimmingWhitespace.isEmpty {
                fail("empty", "空白だけでは入力になりません", "only spaces were given")
            } else if s.count > 200 {
                fail("too_long", "200文字以内で入力してください", "is longer than 200 characters")
            }
        case .kana:
            text { s throws(JapaneseFormatError) in _ = try Furigana.normalize(s) }
        case .date:
            text { s throws(JapaneseFormatError) in
                let date = try Wareki.parse(s)
                if ["birthDate", "deathDate"].contains(field.key), let today = evaluator.context.notificationDate,
                    date > today
                {
                    fail("after_notification", "届出日より後の日付です", "is after the notification date")
                }
            }
        case .postal:
            text { s throws(JapaneseFormatError) in _ = try PostalCode(parsing: s) }
        case .myNumber:
            text { s throws(JapaneseFormatError) in _ = try MyNumber(parsing: s) }
        case .phone:
            text { s throws(JapaneseFormatError) in _ = try PhoneNumber(parsing: s) }
        case .relationship:
            text { s throws(JapaneseFormatError) in _ = try Relationship(parsing: s) }
        case .address:
            checkAddress(value, field: field, path: path, into: &errors)
        case .sex:
            oneOf(["男", "女"])
        case .insurance:
            oneOf(RuleCondition.insuranceKinds)
        case .choice:
            oneOf(field.choices)
        case .bool:
            guard case .bool = value else { return wrongType("true か false", "true or false") }
        case .count:
            guard case .number(let n) = value else { return wrongType("数", "a whole number") }
            if let count = Int(n), (0...99).contains(count) { return }
            fail("invalid_count", "0から99までの整数で入力してください", "must be a whole number from 0 to 99")
        case .digits:
            guard case .string(let s) = value else { return wrongType("数字の文字列", "a string of digits") }
            let digits = s.trimmingWhitespace
            if digits.isEmpty || !digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
                fail("not_digits", "半角数字だけで入力してください", "must contain only the digits 0-9")
            } else if let length = field.length, digits.count != length {
                fail("wrong_length", "\(length)桁で入力してください", "must have \(length) digits")
            }
        case .person, .object:
            guard case .object(let object) = value else { return wrongType("オブジェクト", "an object") }
            checkObject(
                object, schemaPath: field.path, path: path,
                person: field.type == .person
                    ? evaluator.context.person(object, in: PersonGroup(rawValue: field.path)) : nil,
                into: &errors)
        case .personList:
            guard case .array(let items) = value else { return wrongType("一覧", "a list") }
            if items.count < field.minimumCount {
                fail("too_few", "\(field.minimumCount)人以上を入力してください", "needs at least \(field.minimumCount) person(s)")
            }
            for (index, item) in items.enumerated() {
                let itemPath = "\(path)[\(index)]"
                guard case .object(let object) = item else {
                    errors.append(
                        AnswerError(
                            field: itemPath, code: "invalid_type", message: "\(field.label): 一人分はオブジェクトで入力してください",
                            messageEn: "\(field.labelEn): expected an object per person, found \(item.typeName)"))
                    continue
                }
                let person = evaluator.context.person(object, in: PersonGroup(rawValue: field.path))
                checkObject(object, schemaPath: field.path + "[]", path: itemPath, person: person, into: &errors)
            }
        }
    }

    private static let addressKeys = ["postalCode", "prefecture", "municipality", "town", "banchi", "katagaki"]

    /// An address: its parts are strings, no other keys, and `JapaneseAddress` accepts them.
    private func checkAddress(_ value: JSONValue, field: InterviewField, path: String, into errors: inout [AnswerError])
    {
        guard case .object(let object) = value else {
            errors.append(
                AnswerError(
                    field: path, code: "invalid_type", message: "\(field.label): 住所は項目ごとに入力してください",
                    messageEn: "\(field.labelEn): expected an address object, found \(value.typeName)"))
            return
        }
        var parts: [String: String] = [:]
        for (key, part) in object.members {
            guard Self.addressKeys.contains(key) else {
                errors.append(
                    AnswerError(
                        field: "\(path).\(key)", code: "unknown_field", message: "住所にない項目です",
                        messageEn: "is not a part of an address (\(Self.addressKeys.joined(separator: ", ")))"))
                continue
            }
            if part == .null { continue }
            guard case .string(let text) = part else {
                errors.append(
                    AnswerError(
                        field: "\(path).\(key)", code: "invalid_type", message: "文字で入力してください",
                        messageEn: "expected a string, found \(part.typeName)"))
                continue
            }
            parts[key] = text
        }
        do {
            _ = try JapaneseAddress(
                prefecture: parts["prefecture"] ?? "", municipality: parts["municipality"] ?? "",
                town: parts["town"] ?? "", banchi: parts["banchi"] ?? "", katagaki: parts["katagaki"],
                postalCode: parts["postalCode"])
        } catch {
            let at = error.part.map { "\(path).\($0)" } ?? path
            errors.append(
                AnswerError(
                    field: at, code: error.code.rawValue, message: "\(field.label): \(error.message)",
                    messageEn: "\(field.labelEn): \(error.messageEnglish)"))
        }
    }
}
