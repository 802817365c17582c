// SPDX-License-Identifier: Apache-2.0
// The raster path's text: size, placement, rare kanji, refusals, and the same dots from any thread.
import Dispatch
import MadoCore
import MadoRender
import MadoTestThreads
import Synchronization
import Testing

@Suite(.ownThread) struct TicketTextRasterizerTests {
    static let rasterizer = TicketTextRasterizer()

    /// Requests come from the layout, their only producer: the issue-time line (regular) or a header line
    /// (emphasised), on the full-raster path.
    static func request(_ text: String, emphasized: Bool = false, paperWidth: Int = ESCPOSPage.width80mm)
        -> TicketRasterRequest
    {
        let content = TicketContent(
            header: emphasized ? [text] : [], number: "1", serviceName: "", issuedAt: text, peopleAhead: 0)
        let layout = TicketLayout(paperWidth: paperWidth, path: .fullRaster, labels: TicketLabels(issuedAt: "{time}"))
        return requests(layout, content).first { $0.text == text && $0.emphasized == emphasized }!
    }

    /// The request for the big number, at most `scale` times magnified.
    static func numberRequest(_ number: String, scale: Int) -> TicketRasterRequest {
        let content = TicketContent(header: [], number: number, serviceName: "", issuedAt: "", peopleAhead: 0)
        var layout = TicketLayout(path: .fullRaster)
        layout.maximumNumberScale = scale
        return requests(layout, content).first { $0.text == number }!
    }

    static func requests(_ layout: TicketLayout, _ content: TicketContent) -> [TicketRasterRequest] {
        var requests: [TicketRasterRequest] = []
        _ = try? layout.commands(for: content) { request in
            requests.append(request)
            return ESCPOSBitmap(width: 8, height: 1)
        }
        return requests
    }

    static func inkedRows(_ bitmap: ESCPOSBitmap) -> [Int] {
        (0..<bitmap.height).filter { y in (0..<bitmap.width).contains { bitmap[$0, y] } }
    }

    static func inkedColumns(_ bitmap: ESCPOSBitmap) -> [Int] {
        (0..<bitmap.width).filter { x in (0..<bitmap.height).contains { bitmap[x, $0] } }
    }

    @Test func aLineTakesTheRoomOfAPrintedLineInWholeBytes() throws {
        let request = Self.request("市民課")
        #expect(request.fontHeight == 24 && !request.emphasized)
        let bitmap = try #require(Self.rasterizer.rasterize(request))
        #expect(bitmap.height == 30, "24-dot font plus the 6-dot line gap, like a printed line")
        #expect(bitmap.width == 72, "three full-width characters of 24 dots")
        let rows = Self.inkedRows(bitmap)
        #expect(rows.first! <= 3 && rows.last! < 24, "the characters sit in the em square at the top")
        let columns = Self.inkedColumns(bitmap)
        #expect(columns.first! <= 4 && columns.last! >= 67, "the text fills its width, centred")
    }

    @Test(arguments: ["髙", "﨑", "𠮷", "ガ"])
    func rareKanjiAreDrawn(character: String) throws {
        let bitmap = try #require(Self.rasterizer.rasterize(Self.request(character)), "\(character) has a glyph")
        #expect(bitmap.blackDotCount > 40)
    }

    @Test func yoshiWithTheLongLowerStrokeIsNotDrawnAsTheCommonForm() throws {
        let rare = try #require(Self.rasterizer.rasterize(Self.request("𠮷")))
        let common = try #require(Self.rasterizer.rasterize(Self.request("吉")))
        #expect(rare != common)
    }

    @Test(arguments: ["\u{0378}", "窓口\u{F0000}"])
    func aCharacterNoFontHasRefusesTheLine(text: String) {
        #expect(Self.rasterizer.rasterize(Self.request(text)) == nil)
    }

    @Test func emphasisDrawsBolderStrokesOfTheSameSize() throws {
        let regular = try #require(Self.rasterizer.rasterize(Self.request("呼び出し状況")))
        let bold = try #require(Self.rasterizer.rasterize(Self.request("呼び出し状況", emphasized: true)))
        #expect(bold.height == regular.height)
        #expect(bold.blackDotCount > regular.blackDotCount * 11 / 10)
    }

    @Test func magnifiedTextIsTallerAndWider() throws {
        let request = Self.numberRequest("A-023", scale: 4)
        #expect(request.fontHeight == 96 && request.widthScale == 4)
        let bitmap = try #require(Self.rasterizer.rasterize(request))
        #expect(bitmap.height == 102)
        #expect(Self.inkedRows(bitmap).count > 60)
        #expect(bitmap.width >= 240 && bitmap.width % 8 == 0)
    }

    @Test func aSlightlyTooLongLineIsCondensedToThePaperWidth() throws {
        // 17 full-width characters are 408 dots; 58 mm paper prints 384.
        let bitmap = try #require(
            Self.rasterizer.rasterize(Self.request(String(repeating: "番", count: 17), paperWidth: 384)))
        #expect(bitmap.width == 384)
        let columns = Self.inkedColumns(bitmap)
        #expect(columns.first! < 8 && columns.last! > 376, "nothing is clipped: the ends are inked")
        #expect(Self.inkedRows(bitmap).count >= 20, "condensing keeps the height")
    }

    @Test func aFarTooLongLineShrinksInsteadOfBecomingUnreadable() throws {
        let bitmap = try #require(
            Self.rasterizer.rasterize(Self.request(String(repeating: "番", count: 40), paperWidth: 384)))
        #expect(bitmap.width == 384 && bitmap.height == 30)
        let rows = Self.inkedRows(bitmap)
        #expect(rows.count < 18, "a smaller font rather than slivers")
        #expect(rows.last! < 24, "on the same baseline")
    }

    @Test func theSameDotsComeFromEveryThread() throws {
        let request = Self.request("𠮷田ガイド窓口", emphasized: true)
        let expected = try #require(Self.rasterizer.rasterize(request))
        let differing = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 32) { @Sendable _ in
            if Self.rasterizer.rasterize(request) != expected { differing.add(1, ordering: .relaxed) }
        }
        #expect(differing.load(ordering: .relaxed) == 0)
    }
}
