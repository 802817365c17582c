// SPDX-License-Identifier: Apache-2.0
// One pango font map and context for every form PDF, and the shaped layouts of the templates' fixed text,
// so fontconfig matches, font faces and the labels' shaping are done once per process, not per bundle.
internal import CCairo
internal import Foundation
internal import MadoCore

/// A new pango font map per document redid every fontconfig match and reloaded every face (about half a
/// bundle's render time), and shaping the templates' labels again for every bundle was another quarter.
/// Pango is not thread-safe, so renders hold `lock` (recursive: renderDocuments calls the other entry
/// points) while they use anything here.
enum FormFontMap {
    // nonisolated(unsafe) on all three: created once, then only touched by code holding `lock`.
    nonisolated(unsafe) static let shared: UnsafeMutablePointer<PangoFontMap>? = pango_cairo_font_map_new()
    /// Every PDF surface has the same font options (no hinting), so one context serves them all and the
    /// cached layouts stay valid from one document to the next.
    nonisolated(unsafe) static let context: OpaquePointer? = shared.flatMap { map in
        let context = pango_font_map_create_context(map)
        // Glyphs where the font puts them, not rounded to whole points (pango's default, meant for
        // screens): at 10.5 pt rounding spaces kanji unevenly, and cairo then writes a correction
        // for nearly every glyph into the PDF.
        if let context { pango_context_set_round_glyph_positions(context, 0) }
        return context
    }
    /// Shaped layouts of template text only (labels, titles, notes), never of a resident's values: those
    /// must not outlive the render. Keyed by typeface, size, weight, wrap width and text.
    nonisolated(unsafe) static var fixedLayouts: [FormLayoutKey: ShapedText] = [:]
    /// Unknown-glyph counts of template text, keyed with size 0 (the count does not depend on it).
    nonisolated(unsafe) static var fixedUnknownGlyphs: [FormLayoutKey: Int] = [:]
    static let lock = NSRecursiveLock()
    /// Templates are a few hundred labels; the bound only guards against a runaway template directory.
    static let maximumCachedLayouts = 20_000
}

/// What a pango layout of form text depends on.
struct FormLayoutKey: Hashable {
    let text: String
    let fontSize: Double
    let typeface: FormTypeface
    var bold = false
    /// 0 when the text is not wrapped.
    var wrapWidth = 0.0
}
