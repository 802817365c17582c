// SPDX-License-Identifier: Apache-2.0
// Whole tickets: what the resident reads, on both render paths, with rare kanji.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSTicketLayoutTests {
    static let content = TicketContent(
        header: ["○○区役所", "市民課"], number: "A-023", serviceName: "ﾃﾝﾆｭｳ・転出", issuedAt: "12月3日 9:41",
        peopleAhead: 5, estimatedWaitMinutes: 10...20, statusURL: "https://q.example.jp/t/7Q2M4X9K3VH8RZ5N",
        footer: ["番号が呼ばれるまでお待ちください"], processID: ESCPOSProcessID(sequence: 23))

    static let expectedTexts = [
        "○○区役所", "市民課", "A-023", "テンニュウ・転出", "発券 12月3日 9:41", "お待ちの人数 5人",
        "待ち時間の目安 10～20分（参考値）", "呼び出し状況はこちら", "番号が呼ばれるまでお待ちください",
    ]

    /// A stand-in for MadoRender: a bitmap whose width encodes the text length, so tests can tell lines apart.
    static func fakeRasterizer(_ calls: Calls) -> TicketRasterizer {
        { request in
            calls.requests.append(request)
            return ESCPOSBitmap(width: min(request.maximumWidth, 8 * request.text.count), height: request.fontHeight)
        }
    }

    final class Calls {
        var requests: [TicketRasterRequest] = []
    }

    @Test func aTicketEncodesAndDecodesBackToTheSameTextsInOrder() throws {
        let calls = Calls()
        let commands = try TicketLayout().commands(for: Self.content, rasterizer: Self.fakeRasterizer(calls))
        #expect(calls.requests.isEmpty, "everything on this ticket prints from the fonts")
        let bytes = try ESCPOSEncoder().encode(commands)
        let decoded = ESCPOSDecoder().decode(bytes)
        #expect(decoded.texts == Self.expectedTexts)
        #expect(decoded.unknownEntries.isEmpty && !decoded.isTruncated)
        #expect(decoded.commands.contains(.qrCode(ESCPOSQRCode(text: Self.content.statusURL!))))
        #expect(
            Array(decoded.commands.suffix(2)) == [.processID(ESCPOSProcessID(sequence: 23)), .cut(.partial, feed: 3)])
        #expect(decoded.commands.contains(.characterSize(width: 8, height: 8)))
    }

    @Test func theNumberShrinksToFitNarrowPaperAndAnOverWideLineIsDrawnNarrower() throws {
        let layout = TicketLayout(paperWidth: ESCPOSPage.width58mm)
        let calls = Calls()
        let commands = try layout.commands(for: Self.content, rasterizer: Self.fakeRasterizer(calls))
        // "A-023" is 60 dots at 1×; 384 / 60 → 6×.
        #expect(commands.contains(.characterSize(width: 6, height: 6)))
        #expect(!commands.contains(.characterSize(width: 8, height: 8)))
        // The estimate line is 396 dots in the printer's font: it would wrap, so it is rasterised to fit.
        #expect(calls.requests.map(\.text) == ["待ち時間の目安 10～20分（参考値）"])
        #expect(calls.requests.first?.maximumWidth == ESCPOSPage.width58mm)
    }

    @Test func rareKanjiLinesGoThroughTheRasterPathWhole() throws {
        var content = Self.content
        content.header = ["𠮷田町役場", "髙﨑支所"]
        let calls = Calls()
        let commands = try TicketLayout().commands(for: content, rasterizer: Self.fakeRasterizer(calls))
        #expect(calls.requests.map(\.text) == ["𠮷田町役場", "髙﨑支所"])
        #expect(calls.requests.allSatisfy { $0.emphasized && $0.fontHeight == 24 && $0.maximumWidth == 576 })
        let decoded = ESCPOSDecoder().decode(try ESCPOSEncoder().encode(commands))
        #expect(decoded.texts == Array(Self.expectedTexts.dropFirst(2)))
        #expect(decoded.commands.filter { if case .rasterImage = $0 { return true } else { return false } }.count == 2)
    }

    @Test func withIBMExtensionsHighAndSakiPrintFromTheFonts() throws {
        var content = Self.content
        content.header = ["髙﨑支所"]
        let layout = TicketLayout(textEncoder: CP932Encoder(repertoire: .cp932))
        let calls = Calls()
        let commands = try layout.commands(for: content, rasterizer: Self.fakeRasterizer(calls))
        #expect(calls.requests.isEmpty)
        let bytes = try ESCPOSEncoder(textEncoder: layout.textEncoder).encode(commands)
        #expect(bytes.firstRange(of: [0xFB, 0xFC, 0xFA, 0xB1]) != nil)
    }

    @Test func aLineNobodyCanDrawRefusesTheTicket() {
        var content = Self.content
        content.footer = ["𠮷"]
        #expect(throws: ESCPOSError.self) { try TicketLayout().commands(for: content, rasterizer: { _ in nil }) }
    }

    @Test func theFullRasterPathSendsNoFontTextAndDrawsTheQRItself() throws {
        let calls = Calls()
        let layout = TicketLayout(path: .fullRaster)
        let commands = try layout.commands(for: Self.content, rasterizer: Self.fakeRasterizer(calls))
        #expect(calls.requests.map(\.text) == Self.expectedTexts)
        #expect(calls.requests[2].heightScale == 8)
        let decoded = ESCPOSDecoder().decode(try ESCPOSEncoder().encode(commands))
        #expect(decoded.texts.isEmpty)
        #expect(!decoded.commands.contains(.kanjiMode(true)))
        #expect(!decoded.commands.contains { if case .qrCode = $0 { return true } else { return false } })
    }

    @Test func theRenderedTicketStacksItsPartsTopToBottom() throws {
        let commands = try TicketLayout().commands(for: Self.content, rasterizer: { _ in nil })
        let page = ESCPOSPageRenderer().render(commands)
        // Two header lines, the 8× number, the 2× service line, four text lines, the QR, the footer, the cut.
        let qrSide =
            try #require(QRCodeMatrix(data: Array(Self.content.statusURL!.utf8), errorCorrection: .medium)).size * 6
        let textHeight = 30 + 30 + 198 + 54 + 30 * 4
        #expect(page.cuts == [textHeight + qrSide + 30 + 30 + 3])
        #expect(page.height == page.cuts[0] + 1)
    }
}
