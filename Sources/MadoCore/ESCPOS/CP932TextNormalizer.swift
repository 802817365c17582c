// SPDX-License-Identifier: Apache-2.0
// Prepares text for a Japanese printer: composes half-width kana and bridges the JIS/CP932 mapping gaps.
import Foundation

/// Rewrites text so that as much of it as possible prints from the printer's own fonts, without changing
/// what a reader sees. Run it before `CP932Encoder.encode(_:)`; what is still unencodable afterwards goes
/// to the raster path.
///
/// Steps:
/// 1. Half-width katakana become full-width through NFKC, then NFC composes the voiced marks: ｶﾞ → ガ.
///    (Swift on Linux leaves NFKC("ｶﾞ") as カ + U+3099; only the following NFC makes it ガ.)
/// 2. Every other character that the printer can print is left alone. In particular ①, ㈱, ～ and
///    full-width digits are not put through NFKC, which would turn them into 1, (株), ~ and ASCII.
/// 3. A character the printer cannot print is replaced by the first of these that it can: the CP932
///    twin of a JIS-mapped character (〜 U+301C → ～ U+FF5E, − U+2212 → － U+FF0D, — → ―, ‖ → ∥, ¢ £ ¬),
///    the ASCII/JIS-Roman twin (¥ → ￥ when 5C prints as \, \ → ＼ when 5C prints as ¥), its NFKC form,
///    or its decomposition with spacing voiced marks (ヷ → ワ゛). Otherwise it is kept for the raster path.
public struct CP932TextNormalizer: Sendable {
    public let encoder: CP932Encoder

    public init(encoder: CP932Encoder) {
        self.encoder = encoder
    }

    /// Characters whose JIS X 0208 meaning CP932 gives another code point, plus the 5C/7E twins.
    static let substitutes: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{301C}": "\u{FF5E}",  // WAVE DASH → FULLWIDTH TILDE (CP932 81 60)
        "\u{2212}": "\u{FF0D}",  // MINUS SIGN → FULLWIDTH HYPHEN-MINUS (81 7C)
        "\u{2014}": "\u{2015}",  // EM DASH → HORIZONTAL BAR (81 5C)
        "\u{2016}": "\u{2225}",  // DOUBLE VERTICAL LINE → PARALLEL TO (81 61)
        "\u{00A2}": "\u{FFE0}",  // CENT SIGN → FULLWIDTH CENT SIGN (81 91)
        "\u{00A3}": "\u{FFE1}",  // POUND SIGN → FULLWIDTH POUND SIGN (81 92)
        "\u{00AC}": "\u{FFE2}",  // NOT SIGN → FULLWIDTH NOT SIGN (81 CA)
        "\u{00A6}": "\u{FFE4}",  // BROKEN BAR → FULLWIDTH BROKEN BAR (FA 55, IBM extension only)
        "\u{00A5}": "\u{FFE5}",  // YEN SIGN → FULLWIDTH YEN SIGN (81 8F) when 5C prints as a backslash
        "\u{203E}": "\u{FFE3}",  // OVERLINE → FULLWIDTH MACRON (81 50) when 7E prints as a tilde
        "\u{005C}": "\u{FF3C}",  // REVERSE SOLIDUS → FULLWIDTH REVERSE SOLIDUS (81 5F) when 5C prints as ¥
        "\u{007E}": "\u{FF5E}",  // TILDE → FULLWIDTH TILDE (81 60) when 7E prints as ‾
        "\u{3099}": "\u{309B}",  // a voiced mark left over with nothing to compose with → ゛
        "\u{309A}": "\u{309C}",  // a semi-voiced mark likewise → ゜
    ]

    public func normalize(_ text: String) -> String {
        var widened = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF61...0xFF9F).contains(scalar.value) {
                widened.append(contentsOf: String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars)
            } else {
                widened.append(scalar)
            }
        }
        let composed = String(widened).precomposedStringWithCanonicalMapping
        var result = ""
        for character in composed {
            result += printable(character)
        }
        return result
    }

    private func printable(_ character: Character) -> String {
        let original = String(character)
        if encoder.canEncode(original) { return original }
        let candidates = [
            substituted(original),
            original.precomposedStringWithCompatibilityMapping,
            substituted(original.decomposedStringWithCanonicalMapping),
            substituted(original.precomposedStringWithCompatibilityMapping),
        ]
        return candidates.first { encoder.canEncode($0) } ?? original
    }

    private func substituted(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let replacement = Self.substitutes[scalar] ?? scalar
            // A twin is only taken where the original does not print: \ stays \ when 5C prints as \.
            scalars.append(encoder.bytes(for: scalar) == nil ? replacement : scalar)
        }
        return String(scalars)
    }
}
