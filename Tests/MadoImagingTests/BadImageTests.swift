// SPDX-License-Identifier: Apache-2.0
// Empty, truncated, oversized and garbage uploads give a clear error naming the page, never a crash or hang.

import Foundation
import MadoCore
import MadoImaging
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct BadImageTests {
    /// One valid small file of every format.
    static func samples() throws -> [(ScannedImageFormat, Data)] {
        let image = TestImageFiles.pattern(width: 40, height: 30)
        return [
            (.png, try GrayImageEncoder.png(image)),
            (.jpeg, try GrayImageEncoder.jpeg(image, quality: 80)),
            (.tiff, TestImageFiles.tiff([TestImageFiles.tiffPage(image), TestImageFiles.tiffPage(image)])),
            (.pnm, TestImageFiles.pgm(image)),
            (.pdf, TestImageFiles.pdf([image], dpi: 72)),
        ]
    }

    @Test func anEmptyFileSaysSo() {
        #expect(throws: ImageDecodeError(format: nil, page: nil, reason: .empty)) {
            try ScannedImageDecoder.decode(Data(), fileName: "scan.png")
        }
    }

    @Test func unknownAndUnsupportedFormatsAreNamed() {
        var random = SplitMix64(seed: 7)
        let noise = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        #expect(throws: ImageDecodeError(format: nil, page: nil, reason: .unrecognizedFormat(knownAs: nil))) {
            try ScannedImageDecoder.decode(noise)
        }
        let bmp = Data("BM".utf8) + Data(repeating: 0, count: 60)
        #expect(throws: ImageDecodeError(format: nil, page: nil, reason: .unrecognizedFormat(knownAs: "BMP"))) {
            try ScannedImageDecoder.decode(bmp)
        }
        let message = ImageDecodeError(format: nil, page: nil, reason: .unrecognizedFormat(knownAs: "HEIF/HEIC"))
            .description
        #expect(message.contains("HEIF/HEIC images are not supported"))
    }

    @Test func twentyThousandSquaredHeadersAreRefusedBeforeAllocating() async throws {
        let huge = 20_000
        let jpeg = try GrayImageEncoder.jpeg(TestImageFiles.pattern(width: 16, height: 16), quality: 80)
        let cases: [(ScannedImageFormat, Data)] = [
            (.png, TestImageFiles.pngHeader(width: huge, height: huge)),
            (.jpeg, TestImageFiles.jpegClaiming(jpeg, width: huge, height: huge)),
            (
                .tiff,
                TestImageFiles.tiff([
                    TestImageFiles.TIFFPage(
                        width: huge, height: huge, bitsPerSample: 8, samplesPerPixel: 1, photometric: 1,
                        data: [0, 0])
                ])
            ),
            (.pnm, Data("P5\n\(huge) \(huge)\n255\n".utf8) + Data(repeating: 0, count: 64)),
            (.pdf, TestImageFiles.pdf([GrayImage(width: 2, height: 2)], dpi: 72, mediaBoxOverride: (7200, 7200))),
        ]
        for (format, data) in cases {
            let peakBefore = Self.peakResidentMebibytes()
            let pages = try ScannedImageDecoder.decodePages(data)
            let peakGrowth = Self.peakResidentMebibytes() - peakBefore
            #expect(pages.count == 1, "\(format)")
            guard case .failure(let error) = pages.first else {
                Issue.record("\(format): a \(huge) × \(huge) header was decoded")
                continue
            }
            #expect(error.page == 1 && error.format == format)
            guard case .tooLarge = error.reason else {
                Issue.record("\(format): \(error.description)")
                continue
            }
            #expect(error.description.contains("beyond the limit of 12000 pixels a side"))
            // One 20,000² gray page is 381 MiB: refusing after allocating it would show here.
            #expect(peakGrowth < 192, "\(format): the peak memory grew by \(peakGrowth) MiB")
        }
    }

    /// The process's peak resident memory so far (getrusage), in MiB.
    static func peakResidentMebibytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }

    @Test func aOneByOnePixelImageDecodesAndIsLeftToTheReaderToRefuse() throws {
        let tiny = GrayImage(width: 1, height: 1, fill: 0)
        #expect(try ScannedImageDecoder.decode(try GrayImageEncoder.png(tiny)) == [tiny])
    }

    @Test func truncatedFilesAreErrorsNotHalfPages() async throws {
        for (format, data) in try Self.samples() {
            // Every cut up to 64 bytes, then every 7th: headers, chunk boundaries and pixel data.
            let cuts = Array(1..<min(64, data.count)) + Array(stride(from: 64, to: data.count - 1, by: 7))
            for cut in cuts {
                let prefix = data.prefix(cut)
                let pages: [Result<GrayImage, ImageDecodeError>]
                do throws(ImageDecodeError) {
                    pages = try ScannedImageDecoder.decodePages(prefix)
                } catch {
                    #expect(!error.description.isEmpty)
                    continue
                }
                switch format {
                case .png where cut >= data.count - 12:
                    // Only the IEND trailer is missing: every pixel is there, and libpng rightly keeps the page.
                    continue
                case .png, .jpeg, .pnm:
                    // A single-image file cut short must never pass as a complete page.
                    for page in pages {
                        if case .success(let image) = page {
                            Issue.record(
                                "\(format) cut at \(cut) of \(data.count) decoded as \(image.width)×\(image.height)"
                            )
                        }
                    }
                case .tiff, .pdf:
                    // Pages before the cut may survive; a damaged page must name itself.
                    for case .failure(let error) in pages { #expect(error.page != nil) }
                }
            }
        }
    }

    @Test func randomlyCorruptedFilesNeverCrash() async throws {
        var random = SplitMix64(seed: 2026)
        for (format, data) in try Self.samples() {
            for _ in 0..<150 {
                var bytes = [UInt8](data)
                let flips = 1 + Int(random.next() % 8)
                for _ in 0..<flips {
                    // Skip the first bytes so the format is still sniffed and its decoder is exercised.
                    let at = 8 + Int(random.next() % UInt64(bytes.count - 8))
                    bytes[at] = UInt8(truncatingIfNeeded: random.next())
                }
                let started = ContinuousClock.now
                _ = try? ScannedImageDecoder.decodePages(Data(bytes))
                #expect(ContinuousClock.now - started < .seconds(5), "\(format) with \(flips) corrupted bytes hung")
            }
        }
    }

    @Test func errorsNameTheFormatThePageAndTheReason() {
        let error = ImageDecodeError(format: .tiff, page: 3, reason: .truncated("12 of 4000 bytes of pixel data"))
        #expect(
            error.description
                == "cannot read page 3 of the TIFF file: the data ends early (12 of 4000 bytes of pixel data); "
                + "the file was cut off, upload or copy it again")
    }
}
