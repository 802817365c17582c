// SPDX-License-Identifier: Apache-2.0
// A Japanese phone number: 10 or 11 digits from 0, printed with the grouping the resident gave.

/// A domestic phone number. Area codes vary in length (03, 045, 0466, 01267), so without a table of
/// them the grouping the resident typed is the only trustworthy one: it is kept. When none was given,
/// numbers whose grouping is fixed are grouped (090-1234-5678, 050-…, 03-1234-5678, 06-…, 0120-123-456,
/// 0800-123-4567) and the rest stay as digits.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// "09012345678"
    public let digits: String
    /// "090-1234-5678"
    public let formatted: String

    /// Accepts digits (ASCII or full-width) with hyphens, spaces or parentheses: 090-1234-5678,
    /// 03(1234)5678, (03) 1234 5678, ０９０１２３４５６７８, +81 90-1234-5678 (+81 becomes the leading 0).
    /// The number must start with 0 (`bad_prefix`) and have 11 digits when it starts 0A0 (090, 080, 070,
    /// 050, 020, 0800) and 10 otherwise (`wrong_length`), as in the national numbering plan.
    public init(parsing text: String) throws(JapaneseFormatError) {
        var body = JapaneseCharacters.trimmingSpaces(text)
        var international = false
        if let first = body.unicodeScalars.first, first == "+" || first == "＋" {
            body = String(body.unicodeScalars.dropFirst())
            international = true
        }
        guard var groups = JapaneseCharacters.digitGroups(body, alsoSkipping: ["(", ")", "（", "）"]) else {
            throw JapaneseFormatError(
                .notDigits, "電話番号は数字で入力してください（例: 090-1234-5678）",
                english: "a phone number is digits (e.g. 090-1234-5678)")
        }
        guard !groups.isEmpty else {
            throw JapaneseFormatError(.empty, "電話番号が入力されていません", english: "no phone number was given")
        }
        if international {
            // +81 90 … or +81 (0)90 …: the country code replaces the trunk prefix 0.
            guard groups[0].hasPrefix("81") else { throw Self.notDomestic }
            groups[0].removeFirst(2)
            if groups[0].isEmpty { groups.removeFirst() }
            guard let first = groups.first else { throw Self.wrongLength }
            if first == "0", groups.count > 1 {
                groups.removeFirst()  // the "(0)" some write after +81
                groups[0] = "0" + groups[0]
            } else if !first.hasPrefix("0") {
                groups[0] = "0" + first
            }
        }
        let joined = groups.joined()
        let leading = Array(joined.utf8.prefix(3))
        // 00… and 010 are international call prefixes, not numbers.
        guard leading.count == 3, leading[0] == UInt8(ascii: "0"), leading[1] != UInt8(ascii: "0"),
            leading[1] != UInt8(ascii: "1") || leading[2] != UInt8(ascii: "0")
        else { throw Self.notDomestic }
        // 0A0 numbers (mobile 070/080/090, IP 050, M2M 020, 0800) have 11 digits, all others 10.
        let expectedCount = leading[2] == UInt8(ascii: "0") ? 11 : 10
        guard joined.count == expectedCount else { throw Self.wrongLength }
        digits = joined
        formatted = groups.count > 1 ? groups.joined(separator: "-") : Self.grouped(joined)
    }

    /// True for mobile and PHS numbers (070, 080, 090).
    public var isMobile: Bool {
        digits.count == 11 && ["070", "080", "090"].contains(String(digits.prefix(3)))
    }

    /// The grouping with all but the last four digits hidden (***-****-5678): a resident's number is
    /// personal data, so interpolating one into a log line must not write it out. Print `formatted`.
    public var description: String {
        var digitsToHide = digits.count - 4
        var masked = ""
        for character in formatted {
            if character.isASCII, character.isNumber, digitsToHide > 0 {
                masked.append("*")
                digitsToHide -= 1
            } else {
                masked.append(character)
            }
        }
        return masked
    }

    private static func grouped(_ digits: String) -> String {
        let scalars = Array(digits)
        func split(_ sizes: [Int]) -> String {
            var parts: [String] = []
            var start = 0
            for size in sizes {
                parts.append(String(scalars[start..<start + size]))
                start += size
            }
            return parts.joined(separator: "-")
        }
        let prefix3 = String(scalars.prefix(3))
        let prefix4 = String(scalars.prefix(4))
        switch digits.count {
        case 11 where ["020", "050", "060", "070", "080", "090"].contains(prefix3): return split([3, 4, 4])
        case 11 where prefix4 == "0800": return split([4, 3, 4])
        case 10 where prefix4 == "0120" || prefix4 == "0570": return split([4, 3, 3])
        case 10 where prefix3.hasPrefix("03") || prefix3.hasPrefix("06"): return split([2, 4, 4])
        default: return digits
        }
    }

    private static let notDomestic = JapaneseFormatError(
        .badPrefix, "電話番号は0から始まる国内の番号で入力してください",
        english: "a phone number must be a domestic number starting with 0")
    private static let wrongLength = JapaneseFormatError(
        .wrongLength, "電話番号の桁数が違います（携帯電話・IP電話は11桁、固定電話は10桁）",
        english: "a phone number has 11 digits (mobile, IP: 090, 080, 070, 050) or 10 (fixed lines)")
}
