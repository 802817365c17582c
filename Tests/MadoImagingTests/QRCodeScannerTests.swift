// SPDX-License-Identifier: Apache-2.0
// QR codes are read back with their text and corners, on a whole page and within a region, upright or turned.

import MadoCore
import MadoImaging
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QRCodeScannerTests {
    static let payload = "MADO1|2026-2-sci-midterm|1|3|"

    /// A page with the QR code drawn at (left, top), `module` pixels per module, quiet zone included.
    static func page(width: Int = 600, height: Int = 800, left: Int = 400, top: Int = 60, module: Int = 4) -> GrayImage
    {
        let matrix = QRCodeMatrix(data: Array(payload.utf8), errorCorrection: .medium)!
        var image = GrayImage(width: width, height: height)
        for y in 0..<matrix.size {
            for x in 0..<matrix.size where matrix[x, y] {
                for dy in 0..<module {
                    for dx in 0..<module { image[left + x * module + dx, top + y * module + dy] = 0 }
                }
            }
        }
        return image
    }

    @Test func theWholePageScanFindsTheCodeAndItsCorners() async throws {
        let image = Self.page()
        let symbols = QRCodeScanner.scan(image)
        #expect(symbols.map(\.text) == [Self.payload])
        let symbol = try #require(symbols.first)
        #expect(symbol.corners.count == 4)
        let side = Double(QRCodeMatrix(data: Array(Self.payload.utf8), errorCorrection: .medium)!.size * 4)
        // zbar's first corner is the code's own top-left: here the image's top-left of the symbol.
        #expect(abs(symbol.corners[0].x - 400) < 6 && abs(symbol.corners[0].y - 60) < 6)
        #expect(abs(symbol.centre.x - (400 + side / 2)) < 6 && abs(symbol.centre.y - (60 + side / 2)) < 6)
    }

    @Test func aRegionScanReportsCornersInPageCoordinates() async throws {
        let image = Self.page()
        let symbols = QRCodeScanner.scan(image, region: Rect(x: 380, y: 40, width: 200, height: 200))
        let symbol = try #require(symbols.first)
        #expect(symbol.text == Self.payload)
        #expect(abs(symbol.corners[0].x - 400) < 6 && abs(symbol.corners[0].y - 60) < 6)
        // A region without the code finds nothing; one outside the image is clipped, not a crash.
        #expect(QRCodeScanner.scan(image, region: Rect(x: 0, y: 400, width: 200, height: 200)).isEmpty)
        #expect(QRCodeScanner.scan(image, region: Rect(x: 5000, y: -50, width: 10, height: 10)).isEmpty)
        #expect(QRCodeScanner.scan(image, region: Rect(x: .nan, y: 0, width: 10, height: 10)).isEmpty)
    }

    @Test func anUpsideDownCodeReportsItsTopLeftAtTheBottomRight() async throws {
        let turned = ScanDegrader.rotateQuarterTurns(Self.page(), 2)
        let symbol = try #require(QRCodeScanner.scan(turned).first)
        #expect(symbol.text == Self.payload)
        // The code's own top-left corner is now right of and below its centre.
        #expect(symbol.corners[0].x > symbol.centre.x && symbol.corners[0].y > symbol.centre.y)
    }

    @Test func blankAndTinyImagesHaveNoCodes() {
        #expect(QRCodeScanner.scan(GrayImage(width: 300, height: 300)).isEmpty)
        #expect(QRCodeScanner.scan(GrayImage(width: 1, height: 1, fill: 0)).isEmpty)
        #expect(QRCodeScanner.scan(GrayImage(width: 0, height: 0)).isEmpty)
    }
}
