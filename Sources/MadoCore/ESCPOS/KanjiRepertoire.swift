// SPDX-License-Identifier: Apache-2.0
// Which double-byte characters a printer's Kanji ROM can print.

/// The set of CP932 double-byte codes a printer model holds glyphs for. Everything outside it goes through
/// the raster path, so choosing too small a repertoire costs speed, never a wrong character.
public enum KanjiRepertoire: String, Sendable, CaseIterable, Codable {
    /// JIS X 0208 only: non-kanji rows (lead bytes 81–84) and levels 1 and 2 (88–9F, E0–EA).
    case jisX0208
    /// JIS X 0208 plus the NEC special characters of row 13 (lead 87): ①, Ⅰ, №, ㈱, ㍻ and the like.
    /// Most Japanese ESC/POS models print these; they are the default.
    case necSpecial
    /// All of Windows-31J: adds the IBM extensions (FA–FC, e.g. 髙 FB FC, 﨑 FA B1). Only for models whose
    /// manual lists the IBM extended characters.
    case cp932

    /// Whether a double-byte code with this lead byte may be sent to the printer.
    func allowsLeadByte(_ lead: UInt8) -> Bool {
        switch lead {
        case 0x81...0x84, 0x88...0x9F, 0xE0...0xEA: return true
        case 0x87: return self != .jisX0208
        case 0xFA...0xFC: return self == .cp932
        // ED–EE (NEC-selected IBM extensions) duplicate FA–FC; Windows never encodes to them, and neither do we.
        default: return false
        }
    }
}
