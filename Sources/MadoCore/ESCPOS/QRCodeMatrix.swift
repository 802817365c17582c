// SPDX-License-Identifier: Apache-2.0
// A pure QR code (model 2, byte mode) encoder, so a decoded capture can show the code the printer drew.

/// The modules of a QR code symbol for some bytes, built as ISO/IEC 18004 describes: smallest version that
/// fits, byte mode, Reed–Solomon blocks interleaved, and the mask with the lowest penalty. A printer may
/// pick another mask, so the picture can differ from paper in the data area, never in size or position.
public struct QRCodeMatrix: Equatable, Sendable {
    public let version: Int
    /// Modules per side (21 for version 1, 177 for version 40), without the quiet zone.
    public let size: Int
    public private(set) var mask: Int
    private var modules: [Bool]
    private var isFunction: [Bool]

    /// Whether the module at column `x`, row `y` is dark.
    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Returns nil when the data does not fit in version 40 at this error-correction level.
    public init?(data: [UInt8], errorCorrection: ESCPOSQRCode.ErrorCorrection, mask forcedMask: Int? = nil) {
        let level = Self.levelIndex(errorCorrection)
        guard
            let version = (1...40).first(where: { v in
                4 + (v < 10 ? 8 : 16) + data.count * 8 <= Self.dataCodewordCount(version: v, level: level) * 8
            })
        else { return nil }
        self.version = version
        self.size = version * 4 + 17
        self.modules = [Bool](repeating: false, count: size * size)
        self.isFunction = [Bool](repeating: false, count: size * size)

        let capacity = Self.dataCodewordCount(version: version, level: level)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(data.count, count: version < 10 ? 8 : 16)
        for byte in data { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity * 8 - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        let allCodewords = Self.addErrorCorrectionAndInterleave(codewords, version: version, level: level)

        self.mask = 0
        drawFunctionPatterns(formatLevel: errorCorrection)
        drawCodewords(allCodewords)
        var bestMask = forcedMask ?? 0
        if forcedMask == nil {
            var bestPenalty = Int.max
            for candidate in 0..<8 {
                applyMask(candidate)
                drawFormatBits(level: errorCorrection, mask: candidate)
                let penalty = penaltyScore()
                if penalty < bestPenalty {
                    bestPenalty = penalty
                    bestMask = candidate
                }
                applyMask(candidate)  // masking twice undoes it
            }
        }
        applyMask(bestMask)
        drawFormatBits(level: errorCorrection, mask: bestMask)
        self.mask = bestMask
    }

    // MARK: Tables (ISO/IEC 18004 table 9), indexed [level L M Q H][version]; index 0 unused.

    private static let eccCodewordsPerBlock: [[Int]] = [
        [
            0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28,
            30,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
            28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]
    private static let errorCorrectionBlocks: [[Int]] = [
        [
            0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17,
            18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
            31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38,
            40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45,
            48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    private static func levelIndex(_ level: ESCPOSQRCode.ErrorCorrection) -> Int {
        switch level {
        case .low: return 0
        case .medium: return 1
        case .quartile: return 2
        case .high: return 3
        }
    }

    /// The two format bits of a level: L 01, M 00, Q 11, H 10.
    private static func formatBits(_ level: ESCPOSQRCode.ErrorCorrection) -> Int {
        switch level {
        case .low: return 1
        case .medium: return 0
        case .quartile: return 3
        case .high: return 2
        }
    }

    /// Modules left for data and error correction after the function patterns and format/version areas.
    static func rawDataModuleCount(version v: Int) -> Int {
        var result = (16 * v + 128) * v + 64
        if v >= 2 {
            let alignmentCount = v / 7 + 2
            result -= (25 * alignmentCount - 10) * alignmentCount - 55
            if v >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewordCount(version v: Int, level: Int) -> Int {
        rawDataModuleCount(version: v) / 8 - eccCodewordsPerBlock[level][v] * errorCorrectionBlocks[level][v]
    }

    static func alignmentPatternPositions(version v: Int) -> [Int] {
        guard v > 1 else { return [] }
        let count = v / 7 + 2
        let step = v == 32 ? 26 : (v * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var result = [6]
        var position = v * 4 + 17 - 7
        for _ in 0..<(count - 1) {
            result.insert(position, at: 1)
            position -= step
        }
        return result
    }

    // MARK: Error correction

    private static func addErrorCorrectionAndInterleave(_ data: [UInt8], version: Int, level: Int) -> [UInt8] {
        let blockCount = errorCorrectionBlocks[level][version]
        let eccLength = eccCodewordsPerBlock[level][version]
        let rawCodewords = rawDataModuleCount(version: version) / 8
        let shortBlockCount = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let divisor = reedSolomonDivisor(degree: eccLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let dataLength = shortBlockLength - eccLength + (index < shortBlockCount ? 0 : 1)
            var block = Array(data[start..<start + dataLength])
            start += dataLength
            let ecc = reedSolomonRemainder(block, divisor: divisor)
            if index < shortBlockCount { block.append(0) }  // placeholder so all blocks line up
            blocks.append(block + ecc)
        }
        var result: [UInt8] = []
        for column in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated()
            where column != shortBlockLength - eccLength || index >= shortBlockCount {
                result.append(block[column])
            }
        }
        return result
    }

    private static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(bit)) & 1) * Int(x)
        }
        return UInt8(z)
    }

    private static func reedSolomonDivisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    private static func reedSolomonRemainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }

    // MARK: Drawing

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns(formatLevel: ESCPOSQRCode.ErrorCorrection) {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx
                    let y = cy + dy
                    guard x >= 0, x < size, y >= 0, y < size else { continue }
                    let distance = max(abs(dx), abs(dy))
                    setFunction(x, y, distance != 2 && distance != 4)
                }
            }
        }
        let positions = Self.alignmentPatternPositions(version: version)
        let last = positions.count - 1
        for (i, cx) in positions.enumerated() {
            for (j, cy) in positions.enumerated() {
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormatBits(level: formatLevel, mask: 0)
        if version >= 7 {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let dark = (bits >> i) & 1 != 0
                let a = size - 11 + i % 3
                let b = i / 3
                setFunction(a, b, dark)
                setFunction(b, a, dark)
            }
        }
    }

    private mutating func drawFormatBits(level: ESCPOSQRCode.ErrorCorrection, mask: Int) {
        let data = Self.formatBits(level) << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)
    }

    private mutating func drawCodewords(_ codewords: [UInt8]) {
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    if !isFunction[y * size + x] && bitIndex < codewords.count * 8 {
                        modules[y * size + x] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 != 0
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
    }

    private mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                let invert: Bool
                switch mask {
                case 0: invert = (x + y) % 2 == 0
                case 1: invert = y % 2 == 0
                case 2: invert = x % 3 == 0
                case 3: invert = (x + y) % 3 == 0
                case 4: invert = (x / 3 + y / 2) % 2 == 0
                case 5: invert = x * y % 2 + x * y % 3 == 0
                case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if invert { modules[y * size + x].toggle() }
            }
        }
    }

    /// ISO/IEC 18004 §7.8.3: runs of five or more (N1 = 3), 2×2 blocks (N2 = 3), finder-like 1:1:3:1:1
    /// patterns with four light modules on one side (N3 = 40), and imbalance of dark modules (N4 = 10).
    private func penaltyScore() -> Int {
        var penalty = 0
        func module(_ x: Int, _ y: Int, transposed: Bool) -> Bool { transposed ? self[y, x] : self[x, y] }
        for transposed in [false, true] {
            for a in 0..<size {
                var runColor = module(0, a, transposed: transposed)
                var runLength = 1
                for b in 1..<size {
                    let color = module(b, a, transposed: transposed)
                    if color == runColor {
                        runLength += 1
                    } else {
                        if runLength >= 5 { penalty += runLength - 2 }
                        runColor = color
                        runLength = 1
                    }
                }
                if runLength >= 5 { penalty += runLength - 2 }
                // Finder-like: dark light dark dark dark light dark, with four light modules before or after.
                for b in 0...(size - 7) {
                    let pattern = [true, false, true, true, true, false, true]
                    guard (0..<7).allSatisfy({ module(b + $0, a, transposed: transposed) == pattern[$0] }) else {
                        continue
                    }
                    let lightBefore = (1...4).allSatisfy { b - $0 < 0 || !module(b - $0, a, transposed: transposed) }
                    let lightAfter = (7...10).allSatisfy {
                        b + $0 >= size || !module(b + $0, a, transposed: transposed)
                    }
                    if lightBefore { penalty += 40 }
                    if lightAfter { penalty += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let color = self[x, y]
                if color == self[x + 1, y] && color == self[x, y + 1] && color == self[x + 1, y + 1] { penalty += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        penalty += max(0, k) * 10
        return penalty
    }
}

/// Bits appended most significant first, read back as bytes.
private struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count bitCount: Int) {
        guard bitCount > 0 else { return }
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 != 0 { bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}
