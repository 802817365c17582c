// SPDX-License-Identifier: Apache-2.0
// CP932 conversion and the normalisation that runs before it: what prints from fonts and what is drawn.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSCP932Tests {
    static let full = CP932Encoder(repertoire: .cp932, singleByte: .jisRoman)
    static let nec = CP932Encoder(repertoire: .necSpecial, singleByte: .jisRoman)

    /// Codes as Microsoft's CP932.TXT (unicode.org vendors/micsft/windows/cp932.txt) lists them. Rows 81–82 and
    /// ED–FC were read from it directly; the rest agree with both ICU and glibc iconv.
    static let cp932TxtSamples: [(String, [UInt8])] = [
        ("\u{3000}", [0x81, 0x40]), ("～", [0x81, 0x60]), ("－", [0x81, 0x7C]), ("―", [0x81, 0x5C]),
        ("＼", [0x81, 0x5F]), ("∥", [0x81, 0x61]), ("￥", [0x81, 0x8F]), ("①", [0x87, 0x40]),
        ("㈱", [0x87, 0x8A]), ("№", [0x87, 0x82]), ("Ⅰ", [0x87, 0x54]), ("∵", [0x81, 0xE6]),
        ("￢", [0x81, 0xCA]), ("ⅰ", [0xFA, 0x40]), ("￤", [0xFA, 0x55]), ("纊", [0xFA, 0x5C]),
        ("﨑", [0xFA, 0xB1]), ("髙", [0xFB, 0xFC]), ("黑", [0xFC, 0x4B]), ("亜", [0x88, 0x9F]),
        ("ガ", [0x83, 0x4B]), ("ｶ", [0xB6]), ("鶴", [0x92, 0xDF]), ("\u{72BE}", [0xFB, 0x5C]),
    ]

    @Test(arguments: cp932TxtSamples)
    func windows31JCodesMatchMicrosoftsTable(text: String, bytes: [UInt8]) {
        #expect(Self.full.encodeAll(text) == bytes)
        #expect(Self.full.decode(bytes) == text)
    }

    @Test func theNECSelectedIBMRowsDecodeButAreNeverSent() {
        // ED 40 and FA 5C are both 纊; Windows encodes to FA 5C, and so do we.
        #expect(Self.full.decode([0xED, 0x40]) == "纊")
        #expect(Self.full.decode([0xEE, 0xE0]) == "髙")
        #expect(Self.full.encodeAll("纊髙") == [0xFA, 0x5C, 0xFB, 0xFC])
    }

    @Test func theTableHasEveryCP932DoubleByteCode() {
        // CP932.TXT has 7915 mappings: 128 ASCII + 63 half-width kana + 7724 double-byte codes.
        var count = 0
        for lead in UInt8(0x81)...0xFC where !(0xA0...0xDF).contains(lead) {
            for trail in UInt8(0x40)...0xFC where trail != 0x7F {
                if Self.full.decode([lead, trail]) != nil { count += 1 }
            }
        }
        #expect(count == 7724)
        #expect(Self.full.decode([0xF0, 0x40]) == nil, "user-defined area must not decode")
        #expect(Self.full.decode([0x80]) == nil && Self.full.decode([0xA0]) == nil && Self.full.decode([0xFD]) == nil)
    }

    #if os(Linux)
    /// On Linux, Foundation's .shiftJIS is ICU's Windows-31J; the table must agree with it on every code.
    @Test func theTableAgreesWithFoundationOnLinux() {
        var mismatches: [String] = []
        for lead in UInt8(0x81)...0xFC where !(0xA0...0xDF).contains(lead) && !(0xF0...0xF9).contains(lead) {
            for trail in UInt8(0x40)...0xFC where trail != 0x7F {
                let ours = Self.full.decode([lead, trail])
                let foundation = String(data: Data([lead, trail]), encoding: .shiftJIS)
                if ours != foundation { mismatches.append("\(lead) \(trail)") }
            }
        }
        #expect(mismatches.isEmpty, "differs at \(mismatches.prefix(10))")
        for character in ["①", "髙", "㈱", "﨑", "～", "－", "纊", "∵", "Ⅰ", "ⅰ", "￢"] {
            #expect(Self.full.encodeAll(character) == character.data(using: .shiftJIS).map(Array.init))
        }
    }
    #endif

    @Test func repertoiresDecideWhatPrintsFromFonts() {
        let jis = CP932Encoder(repertoire: .jisX0208)
        #expect(jis.encodeAll("①") == nil)
        #expect(Self.nec.encodeAll("①㈱") == [0x87, 0x40, 0x87, 0x8A])
        #expect(Self.nec.encodeAll("髙") == nil)
        #expect(Self.nec.encodeAll("﨑") == nil)
        #expect(Self.full.encodeAll("髙﨑") == [0xFB, 0xFC, 0xFA, 0xB1])
        #expect(Self.full.encodeAll("𠮷") == nil)
    }

    @Test func unencodableRunsAreReportedNotDroppedOrReplaced() {
        let runs = Self.nec.encode("𠮷田さんと髙橋さん")
        #expect(
            runs == [
                .unencodable("𠮷"), .encoded(text: "田さんと", bytes: [0x93, 0x63, 0x82, 0xB3, 0x82, 0xF1, 0x82, 0xC6]),
                .unencodable("髙"), .encoded(text: "橋さん", bytes: [0x8B, 0xB4, 0x82, 0xB3, 0x82, 0xF1]),
            ])
        #expect(runs.map(\.text).joined() == "𠮷田さんと髙橋さん")
        // A variation selector asks for a specific glyph: the whole character goes to the raster path.
        #expect(
            Self.full.encode("葛\u{E0100}飾") == [.unencodable("葛\u{E0100}"), .encoded(text: "飾", bytes: [0x8F, 0xFC])])
    }

    @Test func singleByteVariantsDecideHowFiveCAndSevenEPrint() {
        let ascii = CP932Encoder(repertoire: .necSpecial, singleByte: .ascii)
        #expect(ascii.encodeAll("\\~") == [0x5C, 0x7E])
        #expect(ascii.encodeAll("¥") == nil)
        #expect(Self.nec.encodeAll("¥‾") == [0x5C, 0x7E])
        #expect(Self.nec.encodeAll("\\") == nil)
        #expect(Self.nec.decode([0x5C]) == "¥")
        #expect(ascii.decode([0x5C]) == "\\")
    }

    static let normalisations: [(String, String)] = [
        ("ｶﾞ", "ガ"),
        ("ﾃﾝﾆｭｳ･ﾃﾝｼｭﾂ", "テンニュウ・テンシュツ"),
        ("ﾊﾟｽﾎﾟｰﾄ", "パスポート"),
        ("10〜20分", "10～20分"),
        ("3−1−5", "3－1－5"),
        ("A—B", "A―B"),
        ("①番窓口", "①番窓口"),
        ("㈱", "㈱"),
        ("１２３", "１２３"),
        ("\\", "＼"),
        ("~", "～"),
        ("ﾜﾞ", "ワ゛"),
        ("Aﾞ", "A゛"),
        ("𠮷", "𠮷"),
        ("髙", "髙"),
        ("¢£¬", "￠￡￢"),
    ]

    @Test(arguments: normalisations)
    func normalisationMakesTextPrintableWithoutChangingWhatItSays(input: String, expected: String) {
        let result = CP932TextNormalizer(encoder: Self.nec).normalize(input)
        // Compare scalars: Swift's == treats カ+゙ and ガ as equal, the printer does not.
        #expect(Array(result.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func normalisationFollowsTheSingleByteVariant() {
        let ascii = CP932TextNormalizer(encoder: CP932Encoder(repertoire: .necSpecial, singleByte: .ascii))
        #expect(ascii.normalize("¥500 C:\\") == "￥500 C:\\")
        #expect(CP932TextNormalizer(encoder: Self.nec).normalize("¥500") == "¥500")
    }

    @Test func brokenBarPrintsOnlyWithIBMExtensions() {
        #expect(CP932TextNormalizer(encoder: Self.full).normalize("¦") == "￤")
        #expect(CP932TextNormalizer(encoder: Self.nec).normalize("¦") == "¦")
    }
}
