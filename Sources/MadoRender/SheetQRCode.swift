// SPDX-License-Identifier: Apache-2.0
// The QR code printed on answer sheets, encoded by libqrencode.
internal import CQREncode

/// The dark/light modules of a QR symbol for an answer sheet's payload (8-bit mode, error correction
/// level M: a pencil smudge or a staple over a corner of the code still leaves it readable).
struct SheetQRCode: Sendable, Equatable {
    /// Modules per side, without a quiet zone.
    let size: Int
    private let modules: [Bool]

    /// Nil when libqrencode refuses the text (too long for any QR version, or out of memory).
    init?(text: String) {
        guard !text.utf8.contains(0), let symbol = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            return nil
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        guard width > 0, let data = symbol.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour; the other bits say what libqrencode used it for.
        modules = (0..<width * width).map { data[$0] & 1 != 0 }
        size = width
    }

    /// Whether the module at column `x`, row `y` is dark.
    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }
}
