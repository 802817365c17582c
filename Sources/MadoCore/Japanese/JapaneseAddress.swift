// SPDX-License-Identifier: Apache-2.0
// A Japanese address as the 住民票 records it: 都道府県, 市区町村, 町域, 番地, and 方書 kept apart.

/// An address checked and normalized for printing.
///
/// 方書 (katagaki: building and room, or 「何某方」) is part of the address on the 住民票 but is printed on
/// its own line and is never merged into 番地: 「5-10-103」 cannot be told apart from a 番地 with three
/// parts, and moving to another room of the same building is itself a 転居.
public struct JapaneseAddress: Hashable, Sendable, CustomStringConvertible {
    public let postalCode: PostalCode?
    public let prefecture: Prefecture
    /// 市区町村, including the 郡 or a designated city's 区 where written: 港区, 横浜市中区, 桑名郡木曽岬町.
    public let municipality: String
    /// 町域 (町名・大字・丁目): 芝公園一丁目.
    public let town: String
    /// 番地 or 住居表示: 1番2号, 3－4－5 (hyphens normalized to U+FF0D).
    public let banchi: String
    /// 方書: 芝公園ハイツ101号室; nil when there is none.
    public let katagaki: String?

    /// Checks and normalizes the parts the clerk entered:
    /// - `prefecture` must be one of the 47 (東京都, or 東京 for short) → `unknown_prefecture`;
    /// - `municipality`, `town` and `banchi` must not be empty → `missing_address_part`;
    /// - hyphen look-alikes in 番地 and 方書 (-, ‐, −, ―, －, and ー/ｰ after a digit) become one
    ///   character, the full-width hyphen-minus 「－」 U+FF0D that e-Tax and CP932 printers use;
    /// - leading and trailing spaces go; an empty `katagaki` is nil.
    /// The error's `part` names the refused part (`prefecture`, `town`, …) but never its text.
    public init(
        prefecture: String, municipality: String, town: String, banchi: String, katagaki: String? = nil,
        postalCode: String? = nil
    ) throws(JapaneseFormatError) {
        guard let resolved = Prefecture(name: prefecture) else {
            let error =
                JapaneseCharacters.trimmingSpaces(prefecture).isEmpty
                ? JapaneseFormatError(.missingAddressPart, "都道府県が入力されていません", english: "no prefecture was given")
                : JapaneseFormatError(
                    .unknownPrefecture, "都道府県名が47都道府県のいずれでもありません",
                    english: "the prefecture is not one of the 47 prefectures")
            throw error.inPart("prefecture")
        }
        func required(_ text: String, part: String, japaneseName: String) throws(JapaneseFormatError) -> String {
            let trimmed = JapaneseCharacters.trimmingSpaces(text)
            guard !trimmed.isEmpty else {
                throw JapaneseFormatError(
                    .missingAddressPart, "\(japaneseName)が入力されていません", english: "no \(part) was given",
                    part: part)
            }
            return trimmed
        }
        self.prefecture = resolved
        self.municipality = try required(municipality, part: "municipality", japaneseName: "市区町村")
        self.town = try required(town, part: "town", japaneseName: "町域")
        self.banchi = Self.normalizingHyphens(try required(banchi, part: "banchi", japaneseName: "番地"))
        let room = katagaki.map { Self.normalizingHyphens(JapaneseCharacters.trimmingSpaces($0)) } ?? ""
        self.katagaki = room.isEmpty ? nil : room
        if let postalCode, !JapaneseCharacters.trimmingSpaces(postalCode).isEmpty {
            do {
                self.postalCode = try PostalCode(parsing: postalCode)
            } catch {
                throw error.inPart("postalCode")
            }
        } else {
            self.postalCode = nil
        }
    }

    /// 東京都港区芝公園一丁目1番2号: 都道府県市区町村町域番地, without 方書.
    public var mainLine: String { mainLine(separator: "") }

    /// The main line with a separator between the parts: 「東京都 港区 芝公園一丁目 1番2号」.
    public func mainLine(separator: String) -> String {
        [prefecture.name, municipality, town, banchi].joined(separator: separator)
    }

    /// Without the prefecture (市区町村町域番地), for forms of the city's own residents.
    public var lineWithinPrefecture: String { municipality + town + banchi }

    /// The main line, then 方書 on a line of its own when there is one.
    public var lines: [String] { [mainLine] + (katagaki.map { [$0] } ?? []) }

    /// Only the prefecture: an address is personal data, so interpolating one into a log line must not
    /// write it out. Print `lines` or `mainLine`.
    public var description: String { "JapaneseAddress(\(prefecture.name), …)" }

    /// Hyphen look-alikes → 「－」 U+FF0D. ー and ｰ count as hyphens only right after a digit (ASCII,
    /// full-width or kanji numeral), so the long vowel of 「コーポ」 is kept.
    static func normalizingHyphens(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let afterDigit =
                result.last.map {
                    JapaneseCharacters.digitValue($0) != nil || JapaneseCharacters.kanjiDigits.contains($0)
                } ?? false
            if JapaneseCharacters.hyphens.contains(scalar)
                || (afterDigit && JapaneseCharacters.prolongedSoundMarks.contains(scalar))
            {
                result.append("\u{FF0D}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
