// SPDX-License-Identifier: Apache-2.0
// The text of one page, collected as positioned glyphs by font and grey and drawn with one call each.
internal import CCairo

/// A form page has about 90 printed labels and 30 values. Drawn one layout at a time, each is an
/// operation that cairo's PDF surface records, analyses and replays when the page ends, which cost
/// half of a bundle's render time; the same glyphs drawn in one `cairo_show_glyphs` per font and grey
/// come out at the same places in a fraction of it. Coordinates are points. Each glyph keeps the
/// characters it was shaped from (`cairo_show_text_glyphs` clusters), so the PDF's text is the text
/// given, not what a reverse look-up of the font would guess (月 would come back as the radical ⽉).
final class GlyphBatch {
    /// One shaped line's glyphs in one font, relative to the layout's top-left corner.
    struct Run {
        /// A `cairo_scaled_font_t`, referenced for as long as the run lives (see `release`).
        let font: OpaquePointer
        let glyphs: [cairo_glyph_t]
        /// The characters the glyphs were shaped from, and which glyphs draw which of them.
        let utf8: [CChar]
        let clusters: [cairo_text_cluster_t]

        /// The glyphs with the layout's top-left corner at (`x`, `y`).
        func glyphs(at x: Double, _ y: Double) -> [cairo_glyph_t] {
            glyphs.map { cairo_glyph_t(index: $0.index, x: $0.x + x, y: $0.y + y) }
        }
    }

    private struct Pending {
        var glyphs: [cairo_glyph_t] = []
        var utf8: [CChar] = []
        var clusters: [cairo_text_cluster_t] = []
    }

    private struct Pen: Hashable {
        let font: OpaquePointer
        let grey: Double
    }

    // Pens in the order first used, so the PDF comes out the same every time. Each pen's font is
    // referenced while it is here: a run's owner may be gone before the page is drawn.
    private var pending: [Pen: Pending] = [:]
    private var order: [Pen] = []

    deinit { clear() }

    /// The glyph runs of a laid-out text, each font referenced (release them with `release`).
    static func runs(of layout: OpaquePointer) -> [Run] {
        guard let iterator = pango_layout_get_iter(layout), let text = pango_layout_get_text(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        let scale = Double(PANGO_SCALE)
        var runs: [Run] = []
        repeat {
            // nil at the end of each line.
            guard let run = pango_layout_iter_get_run_readonly(iterator)?.pointee,
                let item = run.item?.pointee, let font = item.analysis.font,
                let scaledFont = pango_cairo_font_get_scaled_font(OpaquePointer(font)),
                let glyphString = run.glyphs?.pointee
            else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iterator, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iterator)) / scale
            var x = Double(logical.x) / scale
            var glyphs: [cairo_glyph_t] = []
            var clusters: [cairo_text_cluster_t] = []
            let count = Int(glyphString.num_glyphs)
            glyphs.reserveCapacity(count)
            var i = 0
            // Glyphs that share a log_cluster were shaped from the same characters (left to right).
            while i < count {
                let start = Int(glyphString.log_clusters[i])
                var drawn: Int32 = 0
                while i < count, Int(glyphString.log_clusters[i]) == start {
                    let info = glyphString.glyphs[i]
                    // Empty glyphs (0x0FFFFFFF) draw nothing; unknown ones (flag 0x10000000) were
                    // refused before drawing, and would only be a hex box.
                    if info.glyph != 0x0FFF_FFFF && info.glyph & 0x1000_0000 == 0 {
                        glyphs.append(
                            cairo_glyph_t(
                                index: UInt(info.glyph), x: x + Double(info.geometry.x_offset) / scale,
                                y: baseline + Double(info.geometry.y_offset) / scale))
                        drawn += 1
                    }
                    x += Double(info.geometry.width) / scale
                    i += 1
                }
                let end = i < count ? Int(glyphString.log_clusters[i]) : Int(item.length)
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(end - start), num_glyphs: drawn))
            }
            let utf8 = Array(UnsafeBufferPointer(start: text + Int(item.offset), count: Int(item.length)))
            runs.append(
                Run(
                    font: cairo_scaled_font_reference(scaledFont), glyphs: glyphs, utf8: utf8, clusters: clusters))
        } while pango_layout_iter_next_run(iterator) != 0
        return runs
    }

    /// Drops the font references `runs(of:)` took.
    static func release(_ runs: [Run]) {
        for run in runs { cairo_scaled_font_destroy(run.font) }
    }

    /// Adds `runs` with their layout's top-left corner at (`x`, `y`).
    func add(_ runs: [Run], x: Double, y: Double, grey: Double) {
        for run in runs {
            let pen = Pen(font: run.font, grey: grey)
            if pending[pen] == nil {
                order.append(pen)
                cairo_scaled_font_reference(pen.font)
            }
            pending[pen, default: Pending()].glyphs.append(contentsOf: run.glyphs(at: x, y))
            pending[pen]?.utf8.append(contentsOf: run.utf8)
            pending[pen]?.clusters.append(contentsOf: run.clusters)
        }
    }

    /// Draws every glyph collected, then empties the batch. The fonts must still be referenced.
    func draw(on cr: OpaquePointer) {
        cairo_save(cr)
        for pen in order {
            guard var text = pending[pen], !text.glyphs.isEmpty else { continue }
            Self.show(font: pen.font, grey: pen.grey, &text.glyphs, text.utf8, &text.clusters, on: cr)
        }
        cairo_restore(cr)
        clear()
    }

    /// Draws `runs` now, one call per run in their order, with their layout's top-left at (`x`, `y`):
    /// for a line in more than one font, which a PDF reader would split into words if its runs were
    /// drawn apart in the page's batches.
    static func drawInOrder(_ runs: [Run], x: Double, y: Double, grey: Double, on cr: OpaquePointer) {
        cairo_save(cr)
        for run in runs {
            var glyphs = run.glyphs(at: x, y)
            var clusters = run.clusters
            show(font: run.font, grey: grey, &glyphs, run.utf8, &clusters, on: cr)
        }
        cairo_restore(cr)
    }

    private static func show(
        font: OpaquePointer, grey: Double, _ glyphs: inout [cairo_glyph_t], _ utf8: [CChar],
        _ clusters: inout [cairo_text_cluster_t], on cr: OpaquePointer
    ) {
        cairo_set_scaled_font(cr, font)
        cairo_set_source_rgb(cr, grey, grey, grey)
        cairo_show_text_glyphs(
            cr, utf8, Int32(utf8.count), &glyphs, Int32(glyphs.count), &clusters, Int32(clusters.count),
            cairo_text_cluster_flags_t(rawValue: 0))
    }

    /// Forgets every glyph collected, undrawn.
    func clear() {
        for pen in order { cairo_scaled_font_destroy(pen.font) }
        pending = [:]
        order = []
    }
}
