// SPDX-License-Identifier: Apache-2.0
// The pure QR encoder behind the page renderer: right size for the data, valid structure.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSQRCodeTests {
    /// Byte-mode capacities from ISO/IEC 18004 table 7: the largest payload of a version and level fits
    /// that version, one byte more needs the next. These pin the block tables.
    static let capacities: [(Int, ESCPOSQRCode.ErrorCorrection, Int)] = [
        (1, .low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
        (2, .low, 32), (4, .medium, 62), (7, .low, 154), (10, .high, 119), (15, .quartile, 292),
        (40, .low, 2953), (40, .medium, 2331), (40, .quartile, 1663), (40, .high, 1273),
    ]

    @Test(arguments: capacities)
    func versionIsTheSmallestThatHoldsTheData(version: Int, level: ESCPOSQRCode.ErrorCorrection, capacity: Int) {
        let fits = QRCodeMatrix(data: [UInt8](repeating: 0x61, count: capacity), errorCorrection: level)
        #expect(fits?.version == version)
        #expect(fits?.size == version * 4 + 17)
        let over = QRCodeMatrix(data: [UInt8](repeating: 0x61, count: capacity + 1), errorCorrection: level)
        #expect(over?.version == (version == 40 ? nil : version + 1))
    }

    @Test func finderPatternsTimingAndDarkModuleAreInPlace() throws {
        let matrix = try #require(
            QRCodeMatrix(data: Array("https://q.example.jp/t/ABC".utf8), errorCorrection: .medium))
        let n = matrix.size
        for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(matrix[ox + dx, oy + dy] == (ring != 2), "finder at \(ox),\(oy)")
                }
            }
        }
        for i in 8..<(n - 8) {
            #expect(matrix[i, 6] == (i % 2 == 0))
            #expect(matrix[6, i] == (i % 2 == 0))
        }
        #expect(matrix[8, n - 8])
    }

    @Test(arguments: ESCPOSQRCode.ErrorCorrection.allCases)
    func formatInformationNamesTheLevelAndMask(level: ESCPOSQRCode.ErrorCorrection) throws {
        let matrix = try #require(QRCodeMatrix(data: Array("mado".utf8), errorCorrection: level))
        // Read the 15 format bits around the top-left finder (ISO/IEC 18004 figure 25), unmask, and check
        // the level bits and the mask number.
        var bits = 0
        let positions = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
        for (i, (x, y)) in positions.enumerated() where matrix[x, y] { bits |= 1 << i }
        let data = (bits ^ 0x5412) >> 10
        let levelBits = ["low": 1, "medium": 0, "quartile": 3, "high": 2]["\(level)"]!
        #expect(data >> 3 == levelBits)
        #expect(data & 7 == matrix.mask)
    }

    @Test func everyForcedMaskGivesTheSameFunctionPatterns() throws {
        let data = Array("0123456789".utf8)
        let reference = try #require(QRCodeMatrix(data: data, errorCorrection: .high, mask: 0))
        for mask in 1..<8 {
            let matrix = try #require(QRCodeMatrix(data: data, errorCorrection: .high, mask: mask))
            #expect(matrix.mask == mask)
            #expect(matrix != reference)
            for i in 0..<7 { #expect(matrix[i, 0] == reference[i, 0]) }
        }
    }
}
