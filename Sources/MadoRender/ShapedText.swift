// SPDX-License-Identifier: Apache-2.0
// A pango layout of form text and, once it is drawn, its glyph runs: kept and freed together.
internal import CCairo

/// Owns one `PangoLayout` and the glyph runs taken from it. Created, used and freed only by code
/// holding `FormFontMap.lock` (pango is not thread-safe).
final class ShapedText {
    let layout: OpaquePointer
    private var cachedRuns: [GlyphBatch.Run]?

    /// Takes over `layout`'s reference.
    init(layout: OpaquePointer) {
        self.layout = layout
    }

    /// The glyph runs, relative to the layout's top-left corner; taken from the layout on first use.
    var runs: [GlyphBatch.Run] {
        if let cachedRuns { return cachedRuns }
        let runs = GlyphBatch.runs(of: layout)
        cachedRuns = runs
        return runs
    }

    deinit {
        if let cachedRuns { GlyphBatch.release(cachedRuns) }
        g_object_unref(UnsafeMutableRawPointer(layout))
    }
}
