// SPDX-License-Identifier: Apache-2.0
// The sentence a call is announced with: the written form for captions, the spoken form for open_jtalk.
import Foundation

/// Fills the announcement template (`受付番号 {number} 番の方、{counterName}へお越しください`) for one call.
///
/// Placeholders: `{number}`, `{counter}`, `{counterName}`, `{service}`, `{serviceName}`. Text in braces
/// that is not one of them is kept as written, so a typo shows up in the caption instead of vanishing.
///
/// **How a ticket number is read aloud.** Staff call 「エー の 23番」, never 「エー ハイフン ゼロ ニ サン」, and
/// open_jtalk reads a bare "A-023" unpredictably (the hyphen as マイナス, the zero as ゼロ). So the spoken
/// form spells each Latin letter as its katakana name (A → エー, K → ケー), turns separators (`-`, `_`,
/// `・`, spaces) into a space, and drops leading zeros of each digit group, leaving the digits as Arabic
/// numerals that open_jtalk reads as one number: "A-023" → "エー 23", "B102" → "ビー 102", "007" → "7".
/// Full-width letters and digits are folded (NFKC) first; kana and kanji pass through unchanged.
public enum AnnouncementText {
    /// The values a template may use.
    public enum Placeholder: String, Sendable, CaseIterable {
        case number, counter, counterName, service, serviceName
    }

    /// The template with the written values: what a caption on the board shows.
    public static func written(_ template: String, call: AnnouncementCall) -> String {
        fill(template) { placeholder in value(placeholder, of: call) }
    }

    /// The template with the number in its spoken form: what open_jtalk is given.
    public static func spoken(_ template: String, call: AnnouncementCall) -> String {
        fill(template) { placeholder in
            placeholder == .number ? spokenNumber(call.number) : value(placeholder, of: call)
        }
    }

    /// The placeholders of `template` that are not known, e.g. `["countername"]` for a typo.
    public static func unknownPlaceholders(in template: String) -> [String] {
        var unknown: [String] = []
        _ = fill(template) { _ in
            ""
        } unknown: {
            unknown.append($0)
        }
        return unknown
    }

    /// "A-023" → "エー 23" (see the type's documentation).
    public static func spokenNumber(_ number: String) -> String {
        let folded = number.precomposedStringWithCompatibilityMapping
        var words: [String] = []
        var digits = ""
        func flushDigits() {
            guard !digits.isEmpty else { return }
            let trimmed = digits.drop { $0 == "0" }
            words.append(trimmed.isEmpty ? "0" : String(trimmed))
            digits = ""
        }
        var other = ""
        func flushOther() {
            if !other.isEmpty { words.append(other) }
            other = ""
        }
        for character in folded {
            if character.isASCII, character.isNumber {
                flushOther()
                digits.append(character)
            } else if character.isASCII, character.isLetter, let name = letterNames[character.uppercased()] {
                flushDigits()
                flushOther()
                words.append(name)
            } else if separators.contains(character) || character.isWhitespace {
                flushDigits()
                flushOther()
            } else {
                flushDigits()
                other.append(character)
            }
        }
        flushDigits()
        flushOther()
        return words.joined(separator: " ")
    }

    static let separators: Set<Character> = ["-", "_", "・", "/", ".", "‐", "－", "−"]

    /// The names of the Latin letters as Japanese announcers say them.
    static let letterNames: [String: String] = [
        "A": "エー", "B": "ビー", "C": "シー", "D": "ディー", "E": "イー", "F": "エフ", "G": "ジー", "H": "エイチ",
        "I": "アイ", "J": "ジェー", "K": "ケー", "L": "エル", "M": "エム", "N": "エヌ", "O": "オー", "P": "ピー",
        "Q": "キュー", "R": "アール", "S": "エス", "T": "ティー", "U": "ユー", "V": "ブイ", "W": "ダブリュー",
        "X": "エックス", "Y": "ワイ", "Z": "ゼット",
    ]

    static func value(_ placeholder: Placeholder, of call: AnnouncementCall) -> String {
        switch placeholder {
        case .number: call.number
        case .counter: call.counter
        case .counterName: call.counterName
        case .service: call.service
        case .serviceName: call.serviceName
        }
    }

    /// Replaces each `{name}` whose name is a `Placeholder`; anything else is copied.
    static func fill(
        _ template: String, _ value: (Placeholder) -> String, unknown: (String) -> Void = { _ in }
    ) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            if let placeholder = Placeholder(rawValue: name) {
                result += value(placeholder)
            } else {
                unknown(name)
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        // An unclosed "{" and whatever follows it are kept as written.
        return result + rest
    }
}
