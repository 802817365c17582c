// SPDX-License-Identifier: Apache-2.0
// A filled form drawn to PDF, read back with poppler: values where the form says, fonts embedded,
// text kept as text, long values shrunk or wrapped inside their boxes, and refusals that name the field.
import Foundation
import MadoCore
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct FormRendererTests {
    func render(_ form: FormFillResult) throws -> RenderedFormBundle {
        try FormBundleRenderer.render(forms: [form], title: "test")
    }

    /// The words pdftotext finds inside `box` (mm) on `page`.
    func words(in box: FormRect, of pdf: Data, page: Int) throws -> [PopplerReader.Word] {
        try PopplerReader.words(pdf, page: page).filter {
            $0.x >= box.x - 0.2 && $0.y >= box.y - 0.2 && $0.x + $0.width <= box.maxX + 0.2
                && $0.y + $0.height <= box.maxY + 0.2
        }
    }

    @Test func valuesAreDrawnInsideTheirBoxes() async throws {
        let pdf = try render(try FormFixtures.filled()).pdf
        // The boxes of tests/fixture's fields (see FormFixtures.moveTemplateJSON).
        #expect(
            try words(in: FormRect(x: 20, y: 86, width: 60, height: 11), of: pdf, page: 1).map(\.text) == [
                "山田", "太郎",
            ])
        #expect(
            try words(in: FormRect(x: 20, y: 102, width: 60, height: 11), of: pdf, page: 1).map(\.text) == [
                "山田", "花子",
            ])
        #expect(
            try words(in: FormRect(x: 20, y: 97, width: 60, height: 5), of: pdf, page: 1).map(\.text) == [
                "ヤマダ", "ハナコ",
            ])
        #expect(
            try words(in: FormRect(x: 140, y: 25, width: 50, height: 8), of: pdf, page: 1).map(\.text) == [
                "令和8年12月3日"
            ])
        #expect(
            try words(in: FormRect(x: 136, y: 97, width: 19, height: 16), of: pdf, page: 1).map(\.text) == ["妻"])
        #expect(
            try words(in: FormRect(x: 158, y: 81, width: 25, height: 16), of: pdf, page: 1).map(\.text) == ["41"])
        // The address's 方書 sits on its own line, below the main line.
        let address = try words(in: FormRect(x: 45, y: 42, width: 145, height: 12), of: pdf, page: 1)
        let main = try #require(address.first { $0.text.hasPrefix("東京都港区") })
        let room = try #require(address.first { $0.text.hasPrefix("芝公園ハイツ") })
        #expect(room.y > main.y + main.height * 0.8)
        #expect(try PopplerReader.text(pdf, page: 1).contains("〒105-0011"))
    }

    @Test func digitsSitOnePerCell() async throws {
        let pdf = try render(try FormFixtures.filled()).pdf
        // Row 0 of the 個人番号 on page 2: 12 cells of 10 mm from x = 60.
        let digits = try words(in: FormRect(x: 60, y: 31, width: 120, height: 5), of: pdf, page: 2)
        let joined = digits.map(\.text).joined()
        #expect(joined == "123456789018")
        // Each digit's centre lies in its own cell: poppler may merge neighbours into one word, so
        // check the first and last digit's word edges instead.
        let first = try #require(digits.first)
        #expect(first.x > 62 && first.x < 65)
        let last = try #require(digits.last)
        #expect(last.x + last.width > 175 && last.x + last.width < 178)
    }

    @Test func fontsAreIPAexAndEmbedded() async throws {
        let pdf = try render(try FormFixtures.filled()).pdf
        let fonts = try PopplerReader.fonts(pdf)
        #expect(fonts.contains { $0.name.hasSuffix("+IPAexMincho") })
        #expect(fonts.contains { $0.name.hasSuffix("+IPAexGothic") })
        #expect(!fonts.isEmpty && fonts.allSatisfy(\.embedded), "\(fonts)")
    }

    @Test func pagesAreA4AndTextStaysText() async throws {
        let pdf = try render(try FormFixtures.filled()).pdf
        let path = try PopplerReader.write(pdf, name: "info")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let info = String(decoding: try PopplerReader.run("pdfinfo", [path]), as: UTF8.self)
        #expect(info.contains("595.276 x 841.89 pts (A4)"))
        // No raster images: the form is lines and glyphs only.
        let images = String(decoding: try PopplerReader.run("pdfimages", ["-list", path]), as: UTF8.self)
        #expect(images.split(separator: "\n").count == 2, "\(images)")
    }

    @Test func aTwoPageFormGivesTwoPagesAndSixMembersWithFourRowsGiveTwoCopies() async throws {
        let two = try render(try FormFixtures.filled())
        #expect(two.pageCount == 2)
        #expect(try PopplerReader.pageCount(two.pdf) == 2)
        let six = try render(try FormFixtures.filled(FormFixtures.answers(members: FormFixtures.family)))
        #expect(six.pageCount == 4)
        // Copy 2's first row holds the fifth member; the sheets say which of two they are.
        let third = try PopplerReader.text(six.pdf, page: 3)
        #expect(third.contains("山田 桜") || third.contains("山田　桜") || third.contains("山田  桜"))
        #expect(
            try words(in: FormRect(x: 20, y: 86, width: 60, height: 11), of: six.pdf, page: 3).map(\.text) == [
                "山田", "桜",
            ])
        #expect(third.contains("2／2枚目"))
        #expect(try PopplerReader.text(six.pdf, page: 1).contains("1／2枚目"))
    }

    @Test func rareKanjiOfANameAreDrawnFromIPAmjMincho() async throws {
        let six = try render(try FormFixtures.filled(FormFixtures.answers(members: FormFixtures.family)))
        #expect(
            try words(in: FormRect(x: 20, y: 102, width: 60, height: 11), of: six.pdf, page: 3).map(\.text) == [
                "髙橋", "𠮷子",
            ])
    }

    @Test func aLongNameShrinksAndAVeryLongOneWraps() async throws {
        func nameWords(_ name: String) throws -> [PopplerReader.Word] {
            let answers = FormFixtures.answers(householderName: name)
            return try words(
                in: FormRect(x: 45, y: 58, width: 75, height: 8), of: render(try FormFixtures.filled(answers)).pdf,
                page: 1)
        }
        let normal = try #require(try nameWords("山田 太郎").first)
        let long = try nameWords("寿限無寿限無五劫の擦り切れ海砂利水魚")
        let longWord = try #require(long.first)
        #expect(long.count == 1 && longWord.height < normal.height * 0.95, "shrunk onto one line")
        let veryLong = try nameWords("寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処")
        #expect(veryLong.count >= 2)
        let lines = Set(veryLong.map { ($0.y * 2).rounded() })
        #expect(lines.count == 2, "wrapped onto two lines: \(veryLong)")
        #expect(veryLong.map(\.text).joined() == "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処")
    }

    @Test func anImpossibleNameIsRefusedNamingTheField() async throws {
        let answers = FormFixtures.answers(householderName: String(repeating: "寿限無", count: 40))
        #expect {
            try render(try FormFixtures.filled(answers))
        } throws: { error in
            guard let error = error as? FormFillError else { return false }
            return error.kind == .doesNotFit && error.fieldPath == "test-move.hhName"
                && error.message.hasPrefix("field test-move.hhName does not fit its box")
                && !error.message.contains("寿限無")
        }
    }

    @Test func aCharacterNoFontHasIsRefusedNamingTheField() async throws {
        // U+0860 (Syriac supplement) is in none of the form fonts; nor in the usual Debian fallbacks.
        let answers = FormFixtures.answers(householderName: "山田 \u{0860}")
        #expect {
            try render(try FormFixtures.filled(answers))
        } throws: { error in
            guard let error = error as? FormFillError else { return false }
            return error.kind == .missingGlyph && error.fieldPath == "test-move.hhName"
                && !error.message.contains("山田")
        }
    }

    @Test func coverSheetListsWhereToGoNext() async throws {
        let bundle = FormFixtures.bundle(try FormFixtures.filled())
        let rendered = try FormBundleRenderer.render(bundle)
        #expect(rendered.coverPageCount == 1 && rendered.pageCount == 3)
        let cover = try PopplerReader.text(rendered.pdf, page: 1)
        for expected in [
            "お手続きのご案内", "次に行く窓口", "住民異動届", "港区に転入したため", "1番窓口", "区民課", "児童手当", "3番窓口",
            "こども家庭課", "令和8年12月3日", "署名",
        ] {
            #expect(cover.contains(expected), "cover lacks \(expected)")
        }
        // The first procedure is listed above the second.
        let first = try #require(cover.range(of: "1番窓口"))
        let second = try #require(cover.range(of: "3番窓口"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test func separateDocumentsAreTheCoverThenEachForm() async throws {
        let bundle = FormFixtures.bundle(try FormFixtures.filled())
        let documents = try FormBundleRenderer.renderDocuments(bundle)
        #expect(documents.map(\.formID) == ["cover", "test-move"])
        #expect(documents.map(\.rendered.pageCount) == [1, 2])
        // The cover printed alone still tells the resident how many form pages follow.
        let cover = try PopplerReader.text(documents[0].rendered.pdf, page: 1).filter { !$0.isWhitespace }
        #expect(cover.contains("2枚目以降の申請書（2枚）"))
        #expect(try PopplerReader.text(documents[1].rendered.pdf, page: 1).contains("住民異動届"))
    }

    @Test func manyProceduresContinueOnASecondCoverPage() async throws {
        let procedures = (1...10).map {
            FormBundleProcedure(
                name: "手続\($0)", reason: "理由\($0)", department: "課\($0)", counter: "\($0)番窓口", forms: [])
        }
        let bundle = FormBundle(
            eventName: "転入", cityName: "港区", date: FormFixtures.context.today, procedures: procedures)
        let rendered = try FormBundleRenderer.render(bundle)
        #expect(rendered.coverPageCount == 2 && rendered.pageCount == 2)
        #expect(try PopplerReader.text(rendered.pdf, page: 2).contains("10番窓口"))
        #expect(!(try PopplerReader.text(rendered.pdf, page: 1).contains("10番窓口")))
    }
}
