// SPDX-License-Identifier: Apache-2.0
// Pages as PNG files: black ink on white, one pixel per dot, read back dot for dot.
import Foundation
import MadoCore
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSPagePNGTests {
    @Test func aPageSurvivesAWriteAndARead() throws {
        var page = ESCPOSPage(width: 37, height: 0)
        page.fillRectangle(x: 3, y: 2, width: 31, height: 5)
        page.setDot(x: 36, y: 40)
        page.setDot(x: 0, y: 0)
        let read = try ESCPOSPage(pngData: try page.pngData())
        #expect(read.width == 37 && read.height == 41)
        #expect(read.dots == page.dots)
    }

    @Test func theFileIsAGreyscalePNGAnyViewerOpens() throws {
        let png = try ESCPOSPage(width: 576, height: 10).pngData()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width 576, height 10, colour type 0 (greyscale).
        #expect(Array(png[16..<24]) == [0, 0, 2, 0x40, 0, 0, 0, 10])
        #expect(png[25] == 0)
    }

    /// A 3×1 PNG made by another program: black, white, dark grey.
    @Test func darkPixelsOfAnyPNGAreInk() throws {
        let hex =
            "89504e470d0a1a0a0000000d49484452000000030000000108000000003e8b4b680000000c49444154789c6360f89f02000266"
            + "016410150f790000000049454e44ae426082"
        let bytes = stride(from: 0, to: hex.count, by: 2).map { offset -> UInt8 in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
        let page = try ESCPOSPage(pngData: Data(bytes))
        #expect(page.width == 3 && page.height == 1)
        #expect(page[0, 0] && !page[1, 0] && page[2, 0])
    }

    @Test func anUnreadableFileIsNamedWithTheReason() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("render-not-a-png.png").path
        try Data("GIF89a".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RenderError.self) { try ESCPOSPage(pngFile: path) }
        do {
            _ = try ESCPOSPage(pngFile: path)
        } catch {
            #expect(error.kind == .unreadableImage)
            #expect(error.message.hasPrefix(path + ": cannot read the PNG"))
        }
        do {
            _ = try ESCPOSPage(pngFile: "/nonexistent/golden.png")
        } catch {
            #expect(error.message == "cannot read /nonexistent/golden.png: No such file or directory")
        }
    }
}
