// SPDX-License-Identifier: Apache-2.0
// A piece of ticket text that either the printer's font can print or that must be drawn as an image.

/// The result of encoding text for the printer: consecutive characters that encode, and characters that
/// do not. An unencodable run is never dropped or replaced by "?"; the layout sends it to a rasteriser.
public enum TextRun: Equatable, Sendable {
    /// Text the printer can print from its fonts, with its CP932 bytes.
    case encoded(text: String, bytes: [UInt8])
    /// Text the printer cannot print from its fonts (e.g. 𠮷 U+20BB7), to be drawn as a raster image.
    case unencodable(String)

    public var text: String {
        switch self {
        case .encoded(let text, _): return text
        case .unencodable(let text): return text
        }
    }
}
