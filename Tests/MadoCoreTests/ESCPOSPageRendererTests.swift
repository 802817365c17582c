// SPDX-License-Identifier: Apache-2.0
// The rendered page: where text cells, images, QR codes and cuts land on the paper.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSPageRendererTests {
    static let renderer = ESCPOSPageRenderer(paperWidth: ESCPOSPage.width80mm)

    /// The inked columns of a row, as ranges.
    static func inkedSpans(_ page: ESCPOSPage, row: Int) -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        var start: Int?
        for x in 0...page.width {
            let ink = x < page.width && page[x, row]
            if ink && start == nil { start = x }
            if !ink, let s = start {
                spans.append(s...(x - 1))
                start = nil
            }
        }
        return spans
    }

    @Test func ankAndKanjiCellsHaveTheirFontWidths() {
        let page = Self.renderer.render([.kanjiMode(true), .text("A市"), .lineFeed])
        // Row 1 is the top edge of each box: A is 12 dots wide (1…10 inked), 市 24 (13…34).
        #expect(Self.inkedSpans(page, row: 1) == [1...10, 13...34])
        #expect(page.height == 30)
        #expect(Self.inkedSpans(page, row: 22) == [1...10, 13...34])
        #expect(Self.inkedSpans(page, row: 23).isEmpty)
    }

    @Test func centredMagnifiedNumberIsCentredAndScaled() {
        let page = Self.renderer.render([
            .justify(.center), .characterSize(width: 8, height: 8), .text("A-023"), .lineFeed,
        ])
        // 5 cells × 96 dots = 480, centred on 576: starts at 48.
        let spans = Self.inkedSpans(page, row: 1)
        #expect(spans.first?.lowerBound == 49)
        #expect(spans.last?.upperBound == 48 + 480 - 2)
        #expect(page.height == 192 + 6)
    }

    @Test func justificationIsIgnoredInsideALine() {
        // Epson: ESC a "is enabled only when processed at the beginning of the line".
        let page = Self.renderer.render([
            .text("AB"), .justify(.right), .text("C"), .lineFeed, .text("D"), .lineFeed, .justify(.right), .text("E"),
            .lineFeed,
        ])
        #expect(Self.inkedSpans(page, row: 1) == [1...10, 13...22, 25...34])
        #expect(Self.inkedSpans(page, row: 31) == [1...10])
        #expect(Self.inkedSpans(page, row: 61) == [(576 - 12 + 1)...(576 - 2)])
    }

    @Test func longLinesWrapLikeThePrinter() {
        let page = ESCPOSPageRenderer(paperWidth: ESCPOSPage.width58mm).render([
            .text(String(repeating: "X", count: 40)), .lineFeed,
        ])
        // 384 / 12 = 32 characters on the first line, 8 on the second.
        #expect(Self.inkedSpans(page, row: 1).count == 32)
        #expect(Self.inkedSpans(page, row: 31).count == 8)
        #expect(page.height == 60)
    }

    @Test func rasterImagesArePlacedDotForDotAndScaled() {
        var bitmap = ESCPOSBitmap(width: 16, height: 2)
        bitmap[0, 0] = true
        bitmap[15, 1] = true
        let page = Self.renderer.render([.justify(.center), .rasterImage(bitmap, scale: .quadruple)])
        #expect(page.height == 4)
        // 32 dots wide centred on 576: 272…303.
        #expect(Self.inkedSpans(page, row: 0) == [272...273])
        #expect(Self.inkedSpans(page, row: 3) == [302...303])
        #expect(page.inkedDotCount == 8)
    }

    @Test func qrCodesAreDrawnFromTheirData() throws {
        let qr = ESCPOSQRCode(text: "https://q.example.jp/t/ABC", moduleSize: 4, errorCorrection: .medium)
        let matrix = try #require(QRCodeMatrix(data: qr.data, errorCorrection: .medium))
        let page = Self.renderer.render([.justify(.center), .qrCode(qr)])
        let side = matrix.size * 4
        #expect(page.height == side)
        let left = (576 - side) / 2
        for y in stride(from: 0, to: side, by: 4) {
            for x in stride(from: 0, to: side, by: 4) {
                #expect(page[left + x + 1, y + 1] == matrix[x / 4, y / 4])
            }
        }
    }

    @Test func cutsAreRecordedAfterTheirFeed() {
        let page = Self.renderer.render([.text("A"), .lineFeed, .cut(.partial, feed: 3)])
        #expect(page.cuts == [33])
        #expect(page[0, 33] && !page[288, 33], "a partial cut leaves the middle uncut")
    }

    /// A drawer that records what it was asked and inks the cell's top-left dot and bottom-right corner
    /// beyond the cell, so the test sees where the bitmap lands and that it is cropped.
    final class RecordingDrawer: @unchecked Sendable {
        // Only touched from the test's own thread: the renderer calls the drawer synchronously.
        var requests: [ESCPOSGlyphRequest] = []

        func draw(_ request: ESCPOSGlyphRequest) -> ESCPOSBitmap? {
            requests.append(request)
            guard request.character != "?" else { return nil }
            var bitmap = ESCPOSBitmap(width: request.cellWidth + 4, height: request.cellHeight + 4)
            bitmap[0, 0] = true
            bitmap[request.cellWidth + 3, request.cellHeight + 3] = true
            return bitmap
        }
    }

    @Test func aGlyphDrawerFillsEachCellAtItsMagnifiedSize() {
        let drawer = RecordingDrawer()
        let renderer = ESCPOSPageRenderer(glyphDrawer: { drawer.draw($0) })
        let page = renderer.render([
            .kanjiMode(true), .text("A"), .characterSize(width: 2, height: 3), .emphasis(true), .text("市 "),
            .lineFeed,
        ])
        #expect(
            drawer.requests == [
                ESCPOSGlyphRequest(character: "A", cellWidth: 12, cellHeight: 24, isKanji: false, emphasized: false),
                ESCPOSGlyphRequest(character: "市", cellWidth: 48, cellHeight: 72, isKanji: true, emphasized: true),
            ], "blank cells are not drawn")
        // Cells sit on the line's bottom: A's 24-dot cell starts 48 rows below 市's 72-dot one.
        #expect(page[0, 48] && page[12, 0])
        #expect(page.inkedDotCount == 2, "the dots beyond each cell are cropped")
        #expect(page.height == 78)
    }

    @Test func aCharacterTheDrawerCannotDrawIsABox() {
        let drawer = RecordingDrawer()
        let withDrawer = ESCPOSPageRenderer(glyphDrawer: { drawer.draw($0) }).render([.text("?"), .lineFeed])
        #expect(withDrawer == Self.renderer.render([.text("?"), .lineFeed]))
    }

    @Test func pagesComparedDotForDot() throws {
        var page = ESCPOSPage(width: 8, height: 3)
        page.setDot(x: 2, y: 1)
        let copy = try #require(ESCPOSPage(width: 8, height: 3, dots: page.dots))
        #expect(copy.differingDotCount(from: page) == 0 && copy.firstDifferingRow(from: page) == nil)
        var changed = copy
        changed.setDot(x: 7, y: 2)
        changed.extend(to: 4)
        #expect(changed.differingDotCount(from: page) == 1 + 8)
        #expect(changed.firstDifferingRow(from: page) == 2)
        #expect(ESCPOSPage(width: 9, height: 3).differingDotCount(from: page) == nil)
        #expect(ESCPOSPage(width: 8, height: 3, dots: [1]) == nil)
    }

    @Test func pgmIsABinaryGreyImageWithBlackInk() {
        var page = ESCPOSPage(width: 4, height: 2)
        page.setDot(x: 1, y: 0)
        let pgm = page.pgm()
        let header = Data("P5\n4 2\n255\n".utf8)
        #expect(pgm.prefix(header.count) == header)
        #expect(Array(pgm.dropFirst(header.count)) == [255, 0, 255, 255, 255, 255, 255, 255])
    }
}
