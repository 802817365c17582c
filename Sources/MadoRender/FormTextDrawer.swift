// SPDX-License-Identifier: Apache-2.0
// Measures and draws form text with pango on one PDF page's cairo context, as vector glyphs.
internal import CCairo
internal import MadoCore

/// Pango on a cairo PDF context. One per document, on the shared `FormFontMap` (whose lock the caller
/// holds); sizes and positions are points. Measuring and drawing use the same context, so
/// what `FieldFit` decided fits is exactly what is drawn.
///
/// Template text is shaped once per process (`FormFontMap`); a value's layouts are kept for the
/// document only, because the glyph check, the fitting and the drawing ask for the same line, and are
/// freed by `releaseDocumentLayouts()` before the render returns, so no resident's value outlives it.
final class FormTextDrawer: TextMeasuring {
    /// Lines of a wrapped value sit this many em apart: tight like a printed form, yet kanji of two
    /// lines do not touch.
    static let lineSpacing = 1.12

    private let cairo: OpaquePointer
    private let context: OpaquePointer
    private var lineMetrics: [FormLayoutKey: (height: Double, baseline: Double)] = [:]
    private var documentLayouts: [FormLayoutKey: ShapedText] = [:]
    /// The current page's text, drawn by `drawPendingText()` before the page ends.
    private let pageGlyphs = GlyphBatch()

    init?(cairo: OpaquePointer) {
        guard let context = FormFontMap.context else { return nil }
        self.cairo = cairo
        self.context = context
        // Takes the PDF surface's font options (no hinting: glyph advances scale exactly).
        pango_cairo_update_context(cairo, context)
    }

    // MARK: TextMeasuring

    func width(of text: String, fontSize: Double, typeface: FormTypeface) -> Double {
        withLayout(text, fontSize: fontSize, typeface: typeface) { shaped in
            var logical = PangoRectangle()
            pango_layout_get_extents(shaped.layout, nil, &logical)
            return Double(logical.width) / Double(PANGO_SCALE)
        } ?? .infinity
    }

    func boundaryOffsets(of text: String, fontSize: Double, typeface: FormTypeface) -> [Double]? {
        withLayout(text, fontSize: fontSize, typeface: typeface) { shaped -> [Double] in
            var offsets: [Double] = [0]
            var byteIndex: Int32 = 0
            var position = PangoRectangle()
            for character in text.dropLast() {
                byteIndex += Int32(character.utf8.count)
                pango_layout_index_to_pos(shaped.layout, byteIndex, &position)
                offsets.append(Double(position.x) / Double(PANGO_SCALE))
            }
            var logical = PangoRectangle()
            pango_layout_get_extents(shaped.layout, nil, &logical)
            if !text.isEmpty { offsets.append(Double(logical.width) / Double(PANGO_SCALE)) }
            return offsets
        }
    }

    func lineHeight(fontSize: Double, typeface: FormTypeface) -> Double {
        metrics(fontSize: fontSize, typeface: typeface).height * Self.lineSpacing
    }

    /// The distance from a line's top to its baseline when lines are `lineHeight` apart.
    func baselineOffset(fontSize: Double, typeface: FormTypeface) -> Double {
        let m = metrics(fontSize: fontSize, typeface: typeface)
        return m.baseline + m.height * (Self.lineSpacing - 1) / 2
    }

    private func metrics(fontSize: Double, typeface: FormTypeface) -> (height: Double, baseline: Double) {
        let key = FormLayoutKey(text: "", fontSize: fontSize, typeface: typeface)
        if let m = lineMetrics[key] { return m }
        let m =
            withLayout("国", fontSize: fontSize, typeface: typeface, fixed: true) {
                shaped -> (height: Double, baseline: Double) in
                var logical = PangoRectangle()
                pango_layout_get_extents(shaped.layout, nil, &logical)
                return (
                    Double(logical.height) / Double(PANGO_SCALE),
                    Double(pango_layout_get_baseline(shaped.layout)) / Double(PANGO_SCALE)
                )
            } ?? (fontSize, fontSize * 0.88)
        lineMetrics[key] = m
        return m
    }

    // MARK: Drawing

    /// How many characters of `text` no font of the typeface can draw. `fixed` text (the template's own)
    /// is checked once per process; `fontSize` does not change the answer, only which layout is reused.
    func unknownGlyphs(in text: String, typeface: FormTypeface, fixed: Bool = false, fontSize: Double = 10) -> Int {
        let key = FormLayoutKey(text: text, fontSize: 0, typeface: typeface)
        if fixed, let known = FormFontMap.fixedUnknownGlyphs[key] { return known }
        let count =
            withLayout(text, fontSize: fontSize, typeface: typeface) {
                Int(pango_layout_get_unknown_glyphs_count($0.layout))
            } ?? 0
        if fixed { FormFontMap.fixedUnknownGlyphs[key] = count }
        return count
    }

    /// Draws one line whose baseline starts at (`x`, `baseline`) for `.left`, is centred on `x` for
    /// `.center`, or ends at `x` for `.right`. `grey` is 0 for black. The glyphs are drawn with the
    /// rest of the page's by `drawPendingText()`.
    func drawLine(
        _ text: String, x: Double, baseline: Double, align: FormTextAlign, fontSize: Double, typeface: FormTypeface,
        bold: Bool = false, grey: Double = 0, fixed: Bool = false
    ) {
        _ = withLayout(text, fontSize: fontSize, typeface: typeface, bold: bold, fixed: fixed) { shaped in
            let layout = shaped.layout
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            let width = Double(logical.width) / Double(PANGO_SCALE)
            let ascent = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
            let left =
                switch align {
                case .left: x
                case .center: x - width / 2
                case .right: x - width
                }
            let runs = shaped.runs
            if runs.dropFirst().contains(where: { $0.font != runs[0].font }) {
                // A line in more than one font (髙橋 from IPAmj and IPAex) is drawn at once and in order.
                GlyphBatch.drawInOrder(runs, x: left, y: baseline - ascent, grey: grey, on: cairo)
            } else {
                pageGlyphs.add(runs, x: left, y: baseline - ascent, grey: grey)
            }
        }
    }

    /// Draws the text `drawLine` collected for the current page; call before the page ends.
    func drawPendingText() {
        pageGlyphs.draw(on: cairo)
    }

    /// Draws `text` wrapped to `width` points from (`x`, `top`), cut off below `height` (printed notes).
    func drawWrapped(
        _ text: String, x: Double, top: Double, width: Double, height: Double, fontSize: Double,
        typeface: FormTypeface, grey: Double = 0, fixed: Bool = false
    ) {
        _ = withLayout(text, fontSize: fontSize, typeface: typeface, wrapWidth: width, fixed: fixed) { shaped in
            let layout = shaped.layout
            cairo_save(cairo)
            cairo_rectangle(cairo, x, top, width, height)
            cairo_clip(cairo)
            cairo_set_source_rgb(cairo, grey, grey, grey)
            cairo_move_to(cairo, x, top)
            pango_cairo_show_layout(cairo, layout)
            cairo_restore(cairo)
        }
    }

    /// Frees the layouts of this document's values. Called by every render before it returns (with
    /// `FormFontMap.lock` still held: pango is not thread-safe).
    func releaseDocumentLayouts() {
        pageGlyphs.clear()
        documentLayouts = [:]
    }

    deinit {
        // A render that threw still released its layouts; this only guards against a missed call.
        releaseDocumentLayouts()
    }

    /// Runs `body` with a laid-out `text`: a `fixed` (template) text's layout is kept for later
    /// bundles, any other until `releaseDocumentLayouts()`.
    private func withLayout<T>(
        _ text: String, fontSize: Double, typeface: FormTypeface, bold: Bool = false, wrapWidth: Double? = nil,
        fixed: Bool = false, _ body: (ShapedText) -> T
    ) -> T? {
        let key = FormLayoutKey(
            text: text, fontSize: fontSize, typeface: typeface, bold: bold, wrapWidth: wrapWidth ?? 0)
        if let cached = fixed ? FormFontMap.fixedLayouts[key] : documentLayouts[key] { return body(cached) }
        guard let layout = pango_layout_new(context) else { return nil }
        let shaped = ShapedText(layout: layout)
        guard let description = pango_font_description_from_string(FormFont.families(typeface)) else { return nil }
        defer { pango_font_description_free(description) }
        pango_font_description_set_absolute_size(description, fontSize * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_layout_set_text(layout, text, -1)
        if let wrapWidth {
            pango_layout_set_width(layout, Int32(wrapWidth * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            pango_layout_set_spacing(layout, Int32(fontSize * 0.25 * Double(PANGO_SCALE)))
        }
        if !fixed {
            documentLayouts[key] = shaped
        } else if FormFontMap.fixedLayouts.count < FormFontMap.maximumCachedLayouts {
            FormFontMap.fixedLayouts[key] = shaped
        }
        // Beyond the cache's bound the layout is freed when `shaped` goes, its glyphs already copied.
        return body(shaped)
    }
}
