// SPDX-License-Identifier: Apache-2.0
// Turns one answer into what its field shows, by the field's kind, with the Japanese value types.
internal import Foundation

/// Formats values for one form. Every error names `<form>.<field>` and what was expected, never the value.
struct FormFillFormatter {
    let formID: String
    /// Ages are 満年齢 on this date (the notification date, or today).
    let referenceDate: CivilDate

    func content(for field: FormField, value: JSONValue?) throws(FormFillError) -> FormFillContent {
        if field.kind == .signature { return .signature }
        if field.kind == .checkbox { return .checkbox(checked: try checked(field, value)) }
        guard let value else { return .empty }
        if case .string(let s) = value, s.trimmingCharacters(in: .whitespaces).isEmpty { return .empty }
        switch field.kind {
        case .text:
            return .text(try scalarText(field, value))
        case .kana:
            return .text(try kana(field, try scalarText(field, value)))
        case .dateWareki:
            return .text(Wareki.format(try date(field, value)))
        case .date:
            let d = try date(field, value)
            return .text("\(d.year)年\(d.month)月\(d.day)日")
        case .postal:
            return .text("〒" + (try postal(field, try scalarText(field, value))))
        case .address:
            return .text(try address(field, value))
        case .digits:
            return .digits(try digits(field, try scalarText(field, value)))
        case .relationship:
            return .text(try relationship(field, try scalarText(field, value)))
        case .age:
            let birth = try date(field, value)
            let age = birth.age(on: referenceDate)
            guard age >= 0 else {
                throw invalid(field, "the birth date is after the notification date")
            }
            return .text(String(age))
        case .phone:
            return .text(try phone(field, try scalarText(field, value)))
        case .checkbox, .signature:
            return .empty  // handled above
        }
    }

    // MARK: kinds

    private func checked(_ field: FormField, _ value: JSONValue?) throws(FormFillError) -> Bool {
        guard let value else { return false }
        if let equals = field.equals {
            switch value {
            case .string(let s): return s == equals
            case .number(let n): return n == equals || Double(n) == Double(equals)
            case .bool(let b): return String(b) == equals
            default: throw invalid(field, "expected text, a number or true/false to compare with \"\(equals)\"")
            }
        }
        switch value {
        case .bool(let b): return b
        case .number(let n): return (Double(n) ?? 0) != 0
        case .string(let s): return !s.isEmpty
        default: throw invalid(field, "expected true or false")
        }
    }

    private func scalarText(_ field: FormField, _ value: JSONValue) throws(FormFillError) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        default: throw invalid(field, "expected text, found \(value.typeName)")
        }
    }

    private func date(_ field: FormField, _ value: JSONValue) throws(FormFillError) -> CivilDate {
        guard case .string(let text) = value else { throw invalid(field, "expected a date, found \(value.typeName)") }
        if let d = CivilDate(iso: text) { return d }
        do {
            return try Wareki.parse(text)
        } catch {
            throw invalid(field, "not a date (\(error.messageEnglish))")
        }
    }

    private func kana(_ field: FormField, _ text: String) throws(FormFillError) -> String {
        do {
            return try Furigana.normalize(text)
        } catch {
            throw invalid(field, error)
        }
    }

    private func postal(_ field: FormField, _ text: String) throws(FormFillError) -> String {
        do {
            return try PostalCode(parsing: text).hyphenated
        } catch {
            throw invalid(field, error)
        }
    }

    private func address(_ field: FormField, _ value: JSONValue) throws(FormFillError) -> String {
        guard case .object(let o) = value else {
            throw invalid(
                field, "expected an address object (postalCode, prefecture, municipality, town, banchi, katagaki)")
        }
        func part(_ key: String) throws(FormFillError) -> String? {
            switch o[key] {
            case .string(let s)?: return s
            case nil, .null?: return nil
            default: throw invalid(field, "address \(key) must be text")
            }
        }
        do {
            let address = try JapaneseAddress(
                prefecture: try part("prefecture") ?? "", municipality: try part("municipality") ?? "",
                town: try part("town") ?? "", banchi: try part("banchi") ?? "", katagaki: try part("katagaki"))
            return address.lines.joined(separator: "\n")
        } catch let error as JapaneseFormatError {
            throw invalid(field, error)
        } catch let error as FormFillError {
            throw error
        } catch {
            throw invalid(field, "not an address")
        }
    }

    private func digits(_ field: FormField, _ text: String) throws(FormFillError) -> [Character?] {
        let cells = field.cells ?? 0
        guard let digits = asciiDigits(text, separators: ["-", " ", "ー", "－"]) else {
            throw invalid(field, "expected digits only")
        }
        guard digits.count <= cells else {
            throw invalid(field, "\(digits.count) digits do not fit in \(cells) cells")
        }
        return Array(repeating: nil, count: cells - digits.count) + digits.map { Optional($0) }
    }

    private func relationship(_ field: FormField, _ text: String) throws(FormFillError) -> String {
        do {
            return try Relationship(parsing: text).wording
        } catch {
            throw invalid(field, error)
        }
    }

    private func phone(_ field: FormField, _ text: String) throws(FormFillError) -> String {
        do {
            return try PhoneNumber(parsing: text).formatted
        } catch {
            throw invalid(field, error)
        }
    }

    /// The digits of `text` as ASCII (full-width digits accepted), skipping separators; nil on anything else.
    private func asciiDigits(_ text: String, separators: Set<Character>) -> String? {
        var out = ""
        for c in text {
            if separators.contains(c) { continue }
            if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 {
                if (0x30...0x39).contains(v) { out.append(c); continue }
                if (0xFF10...0xFF19).contains(v) { out.append(Character(Unicode.Scalar(v - 0xFF10 + 0x30)!)); continue }
            }
            return nil
        }
        return out
    }

    private func invalid(_ field: FormField, _ error: JapaneseFormatError) -> FormFillError {
        invalid(field, error.description)
    }

    private func invalid(_ field: FormField, _ reason: String) -> FormFillError {
        FormFillError(
            .invalidValue, form: formID, field: field.id,
            "field \(formID).\(field.id) (\(field.kind.rawValue), from \(field.source ?? "-")): \(reason)")
    }
}
