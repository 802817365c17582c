// SPDX-License-Identifier: Apache-2.0
// How the printer shows bytes 5C and 7E: as ASCII \ and ~, or as JIS-Roman ¥ and ‾.

/// The glyphs of bytes 5C and 7E, set on the printer by ESC R (international character set). A Japanese
/// ticket selects Japan (ESC R 8) so that 5C prints as ¥, as it does on every Japanese receipt.
public enum SingleByteVariant: Sendable, Equatable {
    /// ESC R 0 (USA): 5C is \ and 7E is ~.
    case ascii
    /// ESC R 8 (Japan): 5C is ¥ (U+00A5) and 7E is ‾ (U+203E), as in JIS X 0201.
    case jisRoman

    /// The ESC R parameter that selects this variant on the printer.
    public var internationalCharacterSet: UInt8 {
        switch self {
        case .ascii: return 0
        case .jisRoman: return 8
        }
    }

    /// The variant an ESC R parameter selects: Japan shows JIS-Roman, every other set is treated as ASCII
    /// for the two bytes that matter here.
    public init(internationalCharacterSet n: UInt8) {
        self = n == 8 ? .jisRoman : .ascii
    }
}
