// SPDX-License-Identifier: Apache-2.0
// Draws answer-sheet text (title, instructions, labels inside bubbles) with pango on a cairo context.
internal import CCairo
internal import MadoCore

/// Pango on one sheet's cairo context, whose units are millimetres. One per render with its own font map,
/// so sheets drawn on different threads never share pango state. Text is set in IPAex Gothic, the face
/// of printed Japanese answer sheets (`TicketFont.families`, which also names the fallback for rare kanji).
final class SheetTextDrawer {
    enum Align { case left, centre, right }

    private let cairo: OpaquePointer
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer

    init?(cairo: OpaquePointer) {
        guard let fontMap = pango_cairo_font_map_new() else { return nil }
        guard let context = pango_font_map_create_context(fontMap) else {
            g_object_unref(UnsafeMutableRawPointer(fontMap))
            return nil
        }
        self.cairo = cairo
        self.fontMap = fontMap
        self.context = context
        if let options = cairo_font_options_create() {
            // Unhinted metrics scale exactly, so text measured in millimetres lands where it was measured.
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            pango_cairo_context_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        pango_cairo_update_context(cairo, context)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// The width of one line of `text` at `size` (the em, in millimetres).
    func width(of text: String, size: Double, bold: Bool = false) -> Double {
        withLayout(text, size: size, bold: bold) { layout in
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            return Double(logical.width) / Double(PANGO_SCALE)
        } ?? 0
    }

    /// Draws one line of `text` vertically centred on `centreY` (the em box's middle, so a row of labels
    /// lines up whatever their glyphs), starting at, centred on or ending at `x`. Text wider than
    /// `maximumWidth` is condensed horizontally to fit. `grey` is 0 for black, 1 for white.
    func draw(
        _ text: String, x: Double, centreY: Double, size: Double, align: Align = .left, bold: Bool = false,
        grey: Double = 0, maximumWidth: Double = .infinity
    ) {
        _ = withLayout(text, size: size, bold: bold) { layout in
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            let naturalWidth = Double(logical.width) / Double(PANGO_SCALE)
            let squeeze = naturalWidth > maximumWidth && naturalWidth > 0 ? maximumWidth / naturalWidth : 1
            let width = naturalWidth * squeeze
            let baseline = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
            let left =
                switch align {
                case .left: x
                case .centre: x - width / 2
                case .right: x - width
                }
            // IPAex's em box: ascent 0.88 em above the baseline; its middle is 0.38 em above the baseline.
            let top = centreY + 0.38 * size - baseline
            cairo_save(cairo)
            cairo_set_source_rgb(cairo, grey, grey, grey)
            cairo_translate(cairo, left, top)
            cairo_scale(cairo, squeeze, 1)
            cairo_move_to(cairo, 0, 0)
            pango_cairo_show_layout(cairo, layout)
            cairo_restore(cairo)
        }
    }

    private func withLayout<T>(_ text: String, size: Double, bold: Bool, _ body: (OpaquePointer) -> T) -> T? {
        guard let layout = pango_layout_new(context) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let description = pango_font_description_from_string(TicketFont.families) else { return nil }
        defer { pango_font_description_free(description) }
        pango_font_description_set_absolute_size(description, size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_layout_set_single_paragraph_mode(layout, 1)
        pango_layout_set_text(layout, text, -1)
        return body(layout)
    }
}
