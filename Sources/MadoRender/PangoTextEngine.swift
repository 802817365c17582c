// SPDX-License-Identifier: Apache-2.0
// The one place MadoRender draws text with pango and cairo: a string as a 1-bit bitmap of a given box.
internal import CCairo
internal import MadoCore
internal import Synchronization

/// Where and how large a string is drawn. All sizes are printer dots.
struct TextBox: Sendable {
    /// The font size: the side of the em square (a full-width character's cell before magnification).
    var emPixels: Int
    /// Width magnification relative to height (GS ! width ÷ height); 2 draws characters twice as wide.
    var horizontalScale: Double = 1
    var bold = false
    /// The bitmap's exact width (a character cell); nil makes it as wide as the text, up to `maximumWidth`.
    var width: Int?
    var maximumWidth: Int
    /// A text-wide bitmap's width is rounded up to a multiple of this (8 for GS v 0, which sends whole bytes).
    var widthStep = 1
    var height: Int
    /// The row where the em square's top lands.
    var emTop = 0
    /// Text too wide for the box is first condensed horizontally down to this factor, then shrunk
    /// uniformly. 0 only condenses (right for a single character squeezed into a half-width cell).
    var minimumCondensing = 0.0
}

/// A drawn string, and how many of its characters no font could draw (each then shows as a hex box).
struct DrawnText: Sendable {
    let bitmap: ESCPOSBitmap
    let unknownGlyphs: Int
}

/// Draws strings with one pango font map. Pango font maps are not thread-safe, so every call holds
/// `fontMap`'s lock; the other objects (context, layout, surface) are made and freed inside the call.
/// Antialiasing and hinting are off, so the same string always gives the same dots. The font map lives
/// as long as the process (`shared`), keeping fontconfig's and cairo's glyph caches warm between tickets.
final class PangoTextEngine: Sendable {
    static let shared = PangoTextEngine()

    private struct FontMap: ~Copyable {
        let pointer: UnsafeMutablePointer<PangoFontMap>
    }

    private let fontMap: Mutex<FontMap>

    private init() {
        // pango_cairo_font_map_new only fails when out of memory, where nothing else could go on either.
        fontMap = Mutex(FontMap(pointer: pango_cairo_font_map_new()!))
    }

    func draw(_ text: String, in box: TextBox) -> DrawnText? {
        fontMap.withLock { map in Self.draw(text, in: box, fontMap: map.pointer) }
    }

    /// The family fontconfig actually picks for `family` (another one when it is not installed).
    func resolvedFamily(for family: String) -> String? {
        fontMap.withLock { map -> String? in
            guard let context = pango_font_map_create_context(map.pointer) else { return nil }
            defer { g_object_unref(UnsafeMutableRawPointer(context)) }
            guard let description = pango_font_description_from_string(family) else { return nil }
            defer { pango_font_description_free(description) }
            pango_font_description_set_absolute_size(description, 24 * Double(PANGO_SCALE))
            guard let font = pango_font_map_load_font(map.pointer, context, description) else { return nil }
            defer { g_object_unref(UnsafeMutableRawPointer(font)) }
            guard let loaded = pango_font_describe(font) else { return nil }
            defer { pango_font_description_free(loaded) }
            return pango_font_description_get_family(loaded).map { String(cString: $0) }
        }
    }

    private static func draw(_ text: String, in box: TextBox, fontMap: UnsafeMutablePointer<PangoFontMap>)
        -> DrawnText?
    {
        guard box.emPixels > 0, box.height > 0, box.maximumWidth > 0 else { return nil }
        guard let context = pango_font_map_create_context(fontMap) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        guard let options = cairo_font_options_create() else { return nil }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_NONE)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        // Unhinted advances scale linearly, so a width measured unscaled holds after the scaling below.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)

        guard let layout = pango_layout_new(context) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let description = pango_font_description_from_string(TicketFont.families) else { return nil }
        defer { pango_font_description_free(description) }
        pango_font_description_set_absolute_size(description, Double(box.emPixels) * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, box.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_layout_set_single_paragraph_mode(layout, 1)
        pango_layout_set_text(layout, text, -1)
        let unknownGlyphs = Int(pango_layout_get_unknown_glyphs_count(layout))

        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        // Synthetic bold can ink beyond the advance; the union keeps it inside the bitmap.
        let left = Double(min(logical.x, ink.width > 0 ? ink.x : logical.x)) / scale
        let right = Double(max(logical.x + logical.width, ink.x + ink.width)) / scale
        let natural = max(0, right - left)
        let baseline = Double(pango_layout_get_baseline(layout)) / scale

        var xScale = box.horizontalScale
        var yScale = 1.0
        let limit = Double(box.width ?? box.maximumWidth)
        let wanted = natural * xScale
        if wanted > limit {
            let squeeze = limit / wanted
            xScale *= squeeze
            if squeeze < box.minimumCondensing { yScale = squeeze / box.minimumCondensing }
        }
        let drawnWidth = natural * xScale
        let step = max(1, box.widthStep)
        let inked = max(1, Int((drawnWidth - 1e-6).rounded(.up)))
        let width = box.width ?? min(box.maximumWidth, (inked + step - 1) / step * step)

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(box.height)) else {
            return nil
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            return nil
        }
        defer { cairo_destroy(cairo) }
        // Whole-dot origin and baseline, so a line is not shifted by a fraction that rounds differently.
        let originX = ((Double(width) - drawnWidth) / 2).rounded(.down)
        cairo_translate(cairo, originX, Double(box.emTop) + baseline.rounded())
        cairo_scale(cairo, xScale, yScale)
        cairo_set_source_rgba(cairo, 0, 0, 0, 1)
        pango_cairo_update_context(cairo, context)
        pango_layout_context_changed(layout)
        cairo_move_to(cairo, -left, -baseline)
        pango_cairo_show_layout(cairo, layout)
        cairo_surface_flush(surface)

        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        // Packed straight into GS v 0 rows (MSB leftmost); the per-dot subscript would cost a third of
        // a full-raster ticket's time.
        let bytesPerRow = (width + 7) / 8
        var rows = [UInt8](repeating: 0, count: bytesPerRow * box.height)
        rows.withUnsafeMutableBufferPointer { packed in
            for y in 0..<box.height {
                let row = data + y * stride
                let out = y * bytesPerRow
                for x in 0..<width where row[x] >= 128 { packed[out + (x >> 3)] |= 0x80 >> UInt8(x & 7) }
            }
        }
        return DrawnText(
            bitmap: ESCPOSBitmap(width: width, height: box.height, rows: rows)!, unknownGlyphs: unknownGlyphs)
    }
}
