// SPDX-License-Identifier: Apache-2.0
// The scan degrader does what scanners do, deterministically, and its JPEG simulation matches libjpeg.

import MadoCore
import MadoImaging
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ScanDegraderTests {
    let page = TestImageFiles.pattern(width: 120, height: 170)

    @Test func quarterTurnsAreExactAndFourMakeAWholeTurn() {
        var image = GrayImage(width: 3, height: 2)
        image[0, 0] = 0
        let turned = ScanDegrader.rotateQuarterTurns(image, 1)
        #expect(turned.width == 2 && turned.height == 3)
        // Clockwise: the top-left pixel goes to the top-right.
        #expect(turned[1, 0] == 0)
        #expect(ScanDegrader.rotateQuarterTurns(image, 2)[2, 1] == 0)
        #expect(ScanDegrader.rotateQuarterTurns(image, 3)[0, 2] == 0)
        var whole = page
        for _ in 0..<4 { whole = ScanDegrader.rotateQuarterTurns(whole, 1) }
        #expect(whole == page)
    }

    @Test func aCleanScanIsThePageAndTheSameSeedGivesTheSameScan() {
        #expect(ScanDegrader.degrade(page, with: ScanDegradation(kind: .clean), pixelsPerMillimetre: 1) == page)
        var noisy = ScanDegradation(kind: .noisy)
        noisy.noiseSigma = 8
        noisy.noiseSeed = 1
        let first = ScanDegrader.degrade(page, with: noisy, pixelsPerMillimetre: 1)
        #expect(first == ScanDegrader.degrade(page, with: noisy, pixelsPerMillimetre: 1))
        noisy.noiseSeed = 2
        #expect(first != ScanDegrader.degrade(page, with: noisy, pixelsPerMillimetre: 1))
    }

    @Test func aFoldedCornerShowsTheBackgroundAndTheFlap() {
        var fold = ScanDegradation(kind: .foldedCorner)
        fold.foldedCorner = ScanDegradation.FoldedCorner(corner: 1, leg: 30)
        fold.background = 20
        let white = GrayImage(width: 100, height: 100)
        let scan = ScanDegrader.degrade(white, with: fold, pixelsPerMillimetre: 1)
        #expect(scan[99, 0] == 20)  // the corner itself is gone
        #expect(scan[75, 20] == 246)  // the flap's blank back
        #expect(scan[0, 99] == 255)  // the rest of the page is untouched
    }

    @Test func skewKeepsThePageCentredInAWindowOfItsSize() {
        var skew = ScanDegradation(kind: .skewed)
        skew.skewDegrees = 5
        let scan = ScanDegrader.degrade(page, with: skew, pixelsPerMillimetre: 1)
        #expect(scan.width == 124 && scan.height == 174)
        // The centre stays where it was (2 px of margin added on each side).
        #expect(abs(Int(scan[62, 87]) - Int(page[60, 85])) < 12)
    }

    @Test func theJPEGSimulationMakesTheArtifactsLibjpegMakes() async throws {
        let real = try ScannedImageDecoder.decode(try GrayImageEncoder.jpeg(page, quality: 60))[0]
        let simulated = ScanDegrader.quantiseLikeJPEG(page, quality: 60)
        let differences = zip(real.pixels, simulated.pixels).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        #expect(mean < 2, "mean difference \(mean) grey levels")
        #expect(simulated != page)
    }
}
