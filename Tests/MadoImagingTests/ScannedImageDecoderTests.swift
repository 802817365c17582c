// SPDX-License-Identifier: Apache-2.0
// Every scan format decodes to the grayscale pixels that were written, page by page.

import Foundation
import MadoCore
import MadoImaging
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ScannedImageDecoderTests {
    let pattern = TestImageFiles.pattern(width: 61, height: 43)

    @Test func pngRoundTripsExactly() async throws {
        let png = try GrayImageEncoder.png(pattern)
        #expect(ScannedImageFormat.sniff(png) == .png)
        #expect(try ScannedImageDecoder.decode(png, fileName: "scan.png") == [pattern])
    }

    @Test func jpegDecodesCloseToTheOriginal() async throws {
        let jpeg = try GrayImageEncoder.jpeg(pattern, quality: 95)
        #expect(ScannedImageFormat.sniff(jpeg) == .jpeg)
        let pages = try ScannedImageDecoder.decode(jpeg)
        #expect(pages.count == 1)
        let page = try #require(pages.first)
        #expect(page.width == 61 && page.height == 43)
        let worst = zip(page.pixels, pattern.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(worst < 40, "JPEG at quality 95 moved a pixel by \(worst) grey levels")
        // The black square stays black, the right edge stays light.
        #expect(page[2, 2] < 30 && page[60, 30] > 200)
    }

    @Test func tiffPagesOfEveryScannerLayoutDecode() async throws {
        let second = TestImageFiles.pattern(width: 20, height: 10, seed: 3)
        // 1-bit WhiteIsZero (the fax layout): set bits are black.
        let bilevel = TestImageFiles.TIFFPage(
            width: 10, height: 2, bitsPerSample: 1, samplesPerPixel: 1, photometric: 0,
            data: [0b1010_0000, 0b0000_0000, 0b0100_0000, 0b0100_0000])
        let rgb = TestImageFiles.TIFFPage(
            width: 2, height: 1, bitsPerSample: 8, samplesPerPixel: 3, photometric: 2, data: [255, 0, 0, 0, 0, 255])
        let sixteen = TestImageFiles.TIFFPage(
            width: 2, height: 1, bitsPerSample: 16, samplesPerPixel: 1, photometric: 1,
            data: [0x00, 0x80, 0xFF, 0xFF])
        let tiff = TestImageFiles.tiff([
            TestImageFiles.tiffPage(pattern), TestImageFiles.tiffPage(second), bilevel, rgb, sixteen,
        ])
        #expect(ScannedImageFormat.sniff(tiff) == .tiff)
        let pages = try ScannedImageDecoder.decode(tiff, fileName: "batch.tif")
        #expect(pages.count == 5)
        #expect(pages[0] == pattern)
        #expect(pages[1] == second)
        #expect(
            pages[2].pixels == [
                0, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 255, 0,
            ])
        #expect(pages[3].pixels == [77, 29])
        #expect(pages[4].pixels == [128, 255])
    }

    @Test func tiffWithADamagedSecondPageKeepsTheFirst() async throws {
        var bytes = [UInt8](
            TestImageFiles.tiff([TestImageFiles.tiffPage(pattern), TestImageFiles.tiffPage(pattern)]))
        // Point the second page's strip far beyond the end of the file.
        let second = bytes.count - 4 - 10 * 12 - 2
        for entry in 0..<10 {
            let at = second + 2 + entry * 12
            if bytes[at] == 17 && bytes[at + 1] == 1 {  // tag 273, StripOffsets
                bytes.replaceSubrange((at + 8)..<(at + 12), with: [0, 0, 0, 0x7F])
            }
        }
        let pages = try ScannedImageDecoder.decodePages(Data(bytes))
        #expect(pages.count == 2)
        #expect(try pages[0].get() == pattern)
        #expect(throws: ImageDecodeError.self) { try pages[1].get() }
        if case .failure(let error) = pages[1] {
            #expect(error.page == 2)
            #expect(error.description.hasPrefix("cannot read page 2 of the TIFF file"))
        }
    }

    @Test func pnmInEveryVariantDecodes() throws {
        #expect(try ScannedImageDecoder.decode(TestImageFiles.pgm(pattern, comment: "scanimage")) == [pattern])
        let ascii = "P2\n# from a test\n3 2\n# max\n10\n0 5 10\n10 5 0\n"
        #expect(try ScannedImageDecoder.decode(Data(ascii.utf8)).first?.pixels == [0, 128, 255, 255, 128, 0])
        let bitmap = Data("P4\n10 1\n".utf8) + Data([0b1000_0000, 0b0100_0000])
        #expect(
            try ScannedImageDecoder.decode(bitmap).first?.pixels == [0, 255, 255, 255, 255, 255, 255, 255, 255, 0])
        #expect(try ScannedImageDecoder.decode(Data("P1 3 1 1 0 1".utf8)).first?.pixels == [0, 255, 0])
        let colour = Data("P6 2 1 255\n".utf8) + Data([255, 0, 0, 0, 0, 255])
        #expect(try ScannedImageDecoder.decode(colour).first?.pixels == [77, 29])
        #expect(try ScannedImageDecoder.decode(Data("P3 1 1 255 0 255 0".utf8)).first?.pixels == [149])
        let deep = Data("P5 2 1 65535\n".utf8) + Data([0x80, 0x00, 0xFF, 0xFF])
        #expect(try ScannedImageDecoder.decode(deep).first?.pixels == [128, 255])
        // Two images in one stream are two pages.
        let stream = TestImageFiles.pgm(pattern) + TestImageFiles.pgm(pattern)
        #expect(try ScannedImageDecoder.decode(stream) == [pattern, pattern])
    }

    @Test func pdfPagesRenderAtTheChosenResolution() async throws {
        let page = TestImageFiles.pattern(width: 200, height: 100)
        let pdf = TestImageFiles.pdf([page, page], dpi: 100)
        #expect(ScannedImageFormat.sniff(pdf) == .pdf)
        let pages = try ScannedImageDecoder.decode(pdf, options: ImageDecodeOptions(pdfDPI: 100))
        #expect(pages.count == 2)
        let first = try #require(pages.first)
        #expect(first.width == 200 && first.height == 100)
        // The black square (top-left quarter) and the gradient survive rendering.
        #expect(first[10, 10] < 40)
        #expect(first[190, 80] > 200)
        let halfway = Int(first[100, 80])
        #expect(abs(halfway - 128) < 20)
        let doubled = try ScannedImageDecoder.decode(pdf, options: ImageDecodeOptions(pdfDPI: 200))
        #expect(doubled.first?.width == 400 && doubled.first?.height == 200)
    }

    @Test func formatsAreSniffedFromContentNotName() async throws {
        let png = try GrayImageEncoder.png(pattern)
        #expect(try ScannedImageDecoder.decode(png, fileName: "scan.jpg") == [pattern])
        let misnamed = Data("this is a text file\n".utf8)
        #expect {
            try ScannedImageDecoder.decode(misnamed, fileName: "answers.pdf")
        } throws: { error in
            let error = error as? ImageDecodeError
            return error?.format == .pdf && error?.description.contains(".pdf") == true
                && error?.description.contains("answers") == false
        }
    }
}
