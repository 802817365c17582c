// SPDX-License-Identifier: Apache-2.0
// Addresses: the 47 prefectures, required parts, one hyphen character in 番地, 方書 kept apart.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct JapaneseAddressTests {
    @Test func mainLineAndKatagakiStaySeparate() throws {
        let address = try JapaneseAddress(
            prefecture: "東京都", municipality: "港区", town: "芝公園一丁目", banchi: "1番2号", katagaki: "芝公園ハイツ101号室",
            postalCode: "105-0011")
        #expect(address.mainLine == "東京都港区芝公園一丁目1番2号")
        #expect(address.katagaki == "芝公園ハイツ101号室")
        #expect(!address.mainLine.contains("ハイツ") && address.banchi == "1番2号")
        #expect(address.lines == ["東京都港区芝公園一丁目1番2号", "芝公園ハイツ101号室"])
        #expect(address.mainLine(separator: " ") == "東京都 港区 芝公園一丁目 1番2号")
        #expect(address.lineWithinPrefecture == "港区芝公園一丁目1番2号")
        #expect(address.postalCode?.formatted == "〒105-0011")
        #expect(address.prefecture.code == 13)
    }

    @Test(arguments: [
        ("3-4-5", "3\u{FF0D}4\u{FF0D}5"), ("3ー4ー5", "3\u{FF0D}4\u{FF0D}5"), ("３−４―５", "３\u{FF0D}４\u{FF0D}５"),
        ("3‐4－5", "3\u{FF0D}4\u{FF0D}5"), ("1番地の2", "1番地の2"), ("十一ー2", "十一\u{FF0D}2"), (" 7番 ", "7番"),
    ])
    func banchiHyphensBecomeOneCharacter(typed: String, stored: String) throws {
        let address = try JapaneseAddress(prefecture: "大阪府", municipality: "大阪市北区", town: "梅田", banchi: typed)
        #expect(address.banchi.unicodeScalars.map(\.value) == stored.unicodeScalars.map(\.value))
    }

    @Test func katagakiKeepsItsLongVowelsButNotItsHyphens() throws {
        let address = try JapaneseAddress(
            prefecture: "北海道", municipality: "札幌市中央区", town: "北一条西", banchi: "2-1", katagaki: "コーポ札幌 2-101")
        #expect(address.katagaki == "コーポ札幌 2\u{FF0D}101")
    }

    @Test func descriptionDoesNotWriteOutTheAddress() throws {
        let address = try JapaneseAddress(
            prefecture: "東京都", municipality: "港区", town: "芝公園一丁目", banchi: "1番2号", katagaki: "芝公園ハイツ101号室")
        #expect("\(address)" == "JapaneseAddress(東京都, …)")
        #expect(!"\([address])".contains("芝公園"))
    }

    @Test func emptyKatagakiAndPostalCodeAreAbsent() throws {
        let address = try JapaneseAddress(
            prefecture: "沖縄県", municipality: "那覇市", town: "泉崎一丁目", banchi: "1番1号", katagaki: "  ", postalCode: "")
        #expect(address.katagaki == nil && address.postalCode == nil)
        #expect(address.lines.count == 1)
    }

    @Test(arguments: [
        ("東京", "東京都"), ("大阪", "大阪府"), ("京都", "京都府"), ("北海道", "北海道"), ("神奈川", "神奈川県"),
        (" 鹿児島県 ", "鹿児島県"),
    ])
    func prefectureShortNames(typed: String, name: String) {
        #expect(Prefecture(name: typed)?.name == name)
    }

    @Test func fortySevenPrefecturesInCodeOrder() {
        #expect(Prefecture.all.count == 47)
        #expect(Set(Prefecture.all.map(\.name)).count == 47)
        #expect(Prefecture.all.first?.name == "北海道" && Prefecture.all.last?.name == "沖縄県")
        #expect(Prefecture(code: 27)?.name == "大阪府")
        #expect(Prefecture(name: "東京府") == nil && Prefecture(name: "北海") == nil && Prefecture(name: "") == nil)
    }

    @Test(arguments: [
        ("東京府", "港区", "芝公園", "1", JapaneseFormatError.Code.unknownPrefecture, "prefecture"),
        ("", "港区", "芝公園", "1", .missingAddressPart, "prefecture"),
        ("東京都", " ", "芝公園", "1", .missingAddressPart, "municipality"),
        ("東京都", "港区", "", "1", .missingAddressPart, "town"),
        ("東京都", "港区", "芝公園", "　", .missingAddressPart, "banchi"),
    ])
    func refusals(
        prefecture: String, municipality: String, town: String, banchi: String,
        code: JapaneseFormatError.Code, part: String
    ) {
        do {
            _ = try JapaneseAddress(prefecture: prefecture, municipality: municipality, town: town, banchi: banchi)
            Issue.record("accepted")
        } catch {
            #expect(error.code == code)
            #expect(error.part == part)
        }
    }

    @Test func badPostalCodeIsAttributedToItsPart() {
        do {
            _ = try JapaneseAddress(
                prefecture: "東京都", municipality: "港区", town: "芝公園", banchi: "1", postalCode: "105-001")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .wrongLength && error.part == "postalCode")
            #expect(error.description == "wrong_length: postalCode: a postal code has 7 digits")
        }
    }

    @Test func unknownPrefectureErrorDoesNotQuoteIt() {
        do {
            _ = try JapaneseAddress(prefecture: "ムー大陸", municipality: "港区", town: "芝公園", banchi: "1")
        } catch {
            #expect(!error.message.contains("ムー") && !error.description.contains("ムー"))
        }
    }
}
