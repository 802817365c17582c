// SPDX-License-Identifier: Apache-2.0
// Lookup tables for CP932 (Windows-31J) in both directions, built once from CP932TableData.

/// CP932 in both directions. Single bytes: 00–7F are ASCII (the printer may show 5C as ¥ and 7E as ‾,
/// see `SingleByteVariant`), A1–DF are half-width katakana. Double bytes come from `CP932TableData`.
struct CP932Table: Sendable {
    static let shared = CP932Table()

    /// Unicode value per (lead index × 188 + trail index); 0 where unassigned.
    private let decodeCells: [UInt16]
    /// Row in `decodeCells` for each lead byte, or -1.
    private let leadIndex: [Int]
    /// Preferred double-byte code per BMP scalar, as lead << 8 | trail.
    private let encodeMap: [UInt16: UInt16]

    private init() {
        var leadIndex = [Int](repeating: -1, count: 256)
        for (index, lead) in CP932TableData.leadBytes.enumerated() { leadIndex[Int(lead)] = index }
        var cells: [UInt16] = []
        cells.reserveCapacity(CP932TableData.leadBytes.count * 188)
        var value: UInt16 = 0
        var digits = 0
        for byte in CP932TableData.cells.utf8 {
            let nibble: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt16(byte - UInt8(ascii: "A") + 10)
            default: continue
            }
            value = value << 4 | nibble
            digits += 1
            if digits == 4 {
                cells.append(value)
                value = 0
                digits = 0
            }
        }
        precondition(cells.count == CP932TableData.leadBytes.count * 188, "CP932TableData is damaged")

        // Where Windows-31J has two codes for one character, Microsoft's encoder takes the first in byte order
        // (JIS X 0208 row 2 before NEC row 13: ∵ 81E6, not 879A; Ⅰ 8754, not FA4A), except that the
        // NEC-selected IBM rows ED–EE are never chosen over their FA–FC twins (纊 FA5C, not ED40).
        var encodeMap: [UInt16: UInt16] = [:]
        for pass in 0..<2 {
            for (index, lead) in CP932TableData.leadBytes.enumerated() {
                let isNECSelectedIBM = lead == 0xED || lead == 0xEE
                guard isNECSelectedIBM == (pass == 1) else { continue }
                for trailIndex in 0..<188 {
                    let unicode = cells[index * 188 + trailIndex]
                    guard unicode != 0, encodeMap[unicode] == nil else { continue }
                    encodeMap[unicode] = UInt16(lead) << 8 | UInt16(Self.trailByte(at: trailIndex))
                }
            }
        }
        self.decodeCells = cells
        self.leadIndex = leadIndex
        self.encodeMap = encodeMap
    }

    static func trailByte(at index: Int) -> UInt8 { UInt8(index < 63 ? 0x40 + index : 0x80 + index - 63) }

    static func trailIndex(of trail: UInt8) -> Int? {
        switch trail {
        case 0x40...0x7E: return Int(trail) - 0x40
        case 0x80...0xFC: return Int(trail) - 0x80 + 63
        default: return nil
        }
    }

    /// Whether `byte` starts a double-byte code in CP932.
    static func isLeadByte(_ byte: UInt8) -> Bool { (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte) }

    /// The scalar for a double-byte code, or nil if CP932 assigns nothing there (user-defined area included).
    func decode(lead: UInt8, trail: UInt8) -> Unicode.Scalar? {
        let row = leadIndex[Int(lead)]
        guard row >= 0, let column = Self.trailIndex(of: trail) else { return nil }
        let value = decodeCells[row * 188 + column]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// The preferred double-byte code for a scalar, ignoring any printer repertoire.
    func doubleByteCode(for scalar: Unicode.Scalar) -> (lead: UInt8, trail: UInt8)? {
        guard scalar.value <= 0xFFFF, let code = encodeMap[UInt16(scalar.value)] else { return nil }
        return (UInt8(code >> 8), UInt8(code & 0xFF))
    }

    /// Every assigned double-byte code, in byte order (for tests and for tools that list the table).
    func allDoubleByteCodes() -> [(lead: UInt8, trail: UInt8, scalar: Unicode.Scalar)] {
        var result: [(lead: UInt8, trail: UInt8, scalar: Unicode.Scalar)] = []
        for (index, lead) in CP932TableData.leadBytes.enumerated() {
            for trailIndex in 0..<188 {
                let value = decodeCells[index * 188 + trailIndex]
                if value != 0, let scalar = Unicode.Scalar(value) {
                    result.append((lead, Self.trailByte(at: trailIndex), scalar))
                }
            }
        }
        return result
    }
}
