// SPDX-License-Identifier: Apache-2.0
// The text of the QR code on every answer-sheet page: which exam, page and layout, and a pre-printed student.

/// `MADO1|<examId>|<page>|<layoutVersion>|<studentNumber or empty>`, the QR code's text on own sheets.
/// The reader takes exam, page and layout from it without guessing, and a pre-printed student number is
/// checked against the one marked in the grid. "MADO1" names the format, so another QR code on the page
/// (a school's own sticker) is not mistaken for ours.
public struct SheetQRPayload: Sendable, Equatable, Hashable {
    public static let formatTag = "MADO1"

    public var examID: String
    /// 1 for the first page.
    public var page: Int
    public var layoutVersion: Int
    /// Pre-printed on per-student sheets; nil on blank sheets.
    public var studentNumber: String?

    /// Nil when a part cannot be carried: an empty exam id or one with '|', a page below 1, a negative
    /// layout version, or a student number that is not only ASCII digits.
    public init?(examID: String, page: Int, layoutVersion: Int, studentNumber: String? = nil) {
        guard !examID.isEmpty, !examID.contains("|"), page >= 1, layoutVersion >= 0 else { return nil }
        if let studentNumber {
            guard !studentNumber.isEmpty, studentNumber.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return nil
            }
        }
        self.examID = examID
        self.page = page
        self.layoutVersion = layoutVersion
        self.studentNumber = studentNumber
    }

    /// Reads a scanned QR code's text; nil for any other text (another format, a damaged or foreign code).
    public init?(parsing text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == Self.formatTag,
            let page = Self.decimal(parts[2]), let layoutVersion = Self.decimal(parts[3])
        else { return nil }
        self.init(
            examID: parts[1], page: page, layoutVersion: layoutVersion,
            studentNumber: parts[4].isEmpty ? nil : parts[4])
    }

    /// The text to encode in the QR code.
    public var text: String {
        [Self.formatTag, examID, String(page), String(layoutVersion), studentNumber ?? ""].joined(separator: "|")
    }

    /// Plain decimal digits only: "+1", " 1" or "1e3" are not what we print, so they are not ours.
    private static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return Int(text)
    }
}
