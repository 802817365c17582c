// SPDX-License-Identifier: Apache-2.0
// Whole tickets, as a resident would hold them: content → layout → bytes → decoder → page → golden PNG.
import Foundation
import MadoCore
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct TicketGoldenTests {
    /// Everything between the ticket content and the paper, as the daemon and a capture inspection do it.
    struct Printed {
        let commands: [ESCPOSCommand]
        let decoding: ESCPOSDecoding
        let page: ESCPOSPage
    }

    static func print(_ ticket: GoldenTicket, _ path: TicketRenderPath) throws -> Printed {
        let renderer = TicketRenderer(layout: ticket.layout(path))
        let commands = try renderer.commands(for: ticket.content)
        let bytes = try renderer.bytes(for: ticket.content)
        let page = TicketGolden.page(fromCapturedBytes: bytes, paperWidth: ticket.paperWidth)
        return Printed(commands: commands, decoding: ESCPOSDecoder().decode(bytes), page: page)
    }

    static let cases = GoldenTicket.all.flatMap { ticket in TicketRenderPath.allCases.map { (ticket, $0) } }

    @Test(arguments: cases)
    func theCapturedTicketMatchesItsGoldenPicture(ticket: GoldenTicket, path: TicketRenderPath) throws {
        let printed = try Self.print(ticket, path)
        if let mismatch = TicketGolden.mismatch(of: printed.page, againstGoldenAt: ticket.goldenPath(path)) {
            Issue.record(Comment(rawValue: mismatch))
        }
        #expect(printed.page.cuts.count == 1, "one ticket, one cut")
        #expect(!printed.decoding.isTruncated && printed.decoding.unknownEntries.isEmpty)
    }

    @Test(arguments: cases)
    func everyLineFitsThePaperAndNothingPrintsAsAQuestionMark(ticket: GoldenTicket, path: TicketRenderPath) throws {
        let printed = try Self.print(ticket, path)
        let widths = TicketInspection.lineWidths(printed.decoding.commands)
        #expect(widths.allSatisfy { $0 <= ticket.paperWidth }, "line widths \(widths) on \(ticket.paperWidth) dots")
        #expect(!printed.decoding.texts.joined().contains { $0 == "?" || $0 == "\u{FFFD}" })
        // The paper is used up to both margins only by the big number; nothing is inked beyond the width.
        #expect(printed.page.width == ticket.paperWidth)
    }

    @Test(arguments: cases)
    func theQRCodeOnThePaperIsTheStatusURL(ticket: GoldenTicket, path: TicketRenderPath) throws {
        let printed = try Self.print(ticket, path)
        let url = try #require(ticket.content.statusURL)
        let matrix = try #require(QRCodeMatrix(data: Array(url.utf8), errorCorrection: .medium))
        switch path {
        case .nativeKanji:
            #expect(printed.decoding.commands.contains(.qrCode(ESCPOSQRCode(text: url))))
        case .fullRaster:
            let images = TicketInspection.rasterImages(printed.decoding.commands)
            // GS v 0 carries whole bytes: the image arrives padded with blank columns to a multiple of 8.
            let drawn = TicketLayout.bitmap(of: matrix, moduleSize: 6)
            let padded = try #require(
                ESCPOSBitmap(width: drawn.bytesPerRow * 8, height: drawn.height, rows: drawn.rows))
            let sent = images.contains(padded)
            #expect(sent, "no raster image is the QR code; images: \(images.map { "\($0.width)×\($0.height)" })")
        }
        #expect(TicketInspection.rowOfCentredQR(matrix, moduleSize: 6, on: printed.page) != nil)
    }

    @Test(arguments: TicketRenderPath.allCases)
    func rareKanjiHeaderLinesArePrintedAsImagesOfTheNormalisedText(path: TicketRenderPath) throws {
        let ticket = GoldenTicket.all[2]
        let printed = try Self.print(ticket, path)
        let images = TicketInspection.rasterImages(printed.decoding.commands)
        let rasterizer = TicketTextRasterizer()
        var requests: [TicketRasterRequest] = []
        _ = try ticket.layout(path).commands(for: ticket.content) { request in
            requests.append(request)
            return rasterizer.rasterize(request)
        }
        // ｶﾞｲﾄﾞ is drawn as ガイド: the raster path gets the normalised line.
        for line in ["髙橋﨑町役場", "𠮷田ガイド窓口"] {
            let request = try #require(requests.first { $0.text == line }, "\(line) goes to the raster path")
            #expect(request.emphasized && request.fontHeight == 24)
            let image = try #require(rasterizer.rasterize(request), "\(line) must be drawable")
            #expect(images.contains(image), "the header line \(line) is sent as a raster image")
        }
        #expect(!printed.decoding.texts.contains { $0.contains("髙") || $0.contains("𠮷") || $0.contains("ｶ") })
        if path == .nativeKanji {
            #expect(images.count == 2, "only the two header lines are images; the rest prints from the fonts")
            #expect(printed.decoding.texts.first == "B-107")
        }
    }

    @Test(arguments: GoldenTicket.all)
    func bothPathsUseTheSameLengthOfPaper(ticket: GoldenTicket) throws {
        let native = try Self.print(ticket, .nativeKanji)
        let raster = try Self.print(ticket, .fullRaster)
        #expect(native.page.height == raster.page.height)
        #expect(native.page.cuts == raster.page.cuts)
    }

    @Test func theGoldenHelperNamesTheDifferenceAndKeepsTheActualPicture() throws {
        let ticket = GoldenTicket.all[0]
        var page = try Self.print(ticket, .nativeKanji).page
        page.setDot(x: 0, y: 0)
        let message = try #require(TicketGolden.mismatch(of: page, againstGoldenAt: ticket.goldenPath(.nativeKanji)))
        #expect(message.hasPrefix("city-80mm-nativeKanji.png: 1 dots differ"))
        #expect(message.contains("first in row 0"))
        let actualPath = try #require(message.components(separatedBy: "actual picture: ").last)
        #expect(try ESCPOSPage(pngFile: actualPath).dots == page.dots)
        try? FileManager.default.removeItem(atPath: actualPath)

        let missing = TicketGolden.mismatch(of: page, againstGoldenAt: "/nonexistent/none.png", environment: [:])
        #expect(missing?.contains("MADO_UPDATE_GOLDENS=1") == true)
    }
}
