// SPDX-License-Identifier: Apache-2.0
// ESCPOSPage to and from PNG through cairo: black ink on white paper, one pixel per printer dot.
internal import CCairo
public import Foundation
public import MadoCore

extension ESCPOSPage {
    /// The page as a greyscale PNG, black ink on white paper, one pixel per dot. An empty page is
    /// one white row, as image formats have no zero-height pictures.
    public func pngData() throws(RenderError) -> Data {
        let rows = max(height, 1)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(width), Int32(rows)),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else {
            throw RenderError(.drawingFailed, "cannot make a \(width)×\(rows) picture of the page (out of memory?)")
        }
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw RenderError(.drawingFailed, "cannot reach the pixels of a \(width)×\(rows) picture")
        }
        // cairo writes A1 as greyscale with a set bit white, so paper is 1 and ink 0. A1 packs pixels into
        // native-endian 32-bit words, pixel 0 in the least significant bit.
        let stride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<rows {
            let words = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width where !self[x, y] { words[x / 32] |= UInt32(1) << UInt32(x % 32) }
        }
        cairo_surface_mark_dirty(surface)
        let sink = PNGSink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        // `sink` is only reached through the unretained pointer during the call above.
        withExtendedLifetime(sink) {}
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(.cannotWriteImage, "cannot encode the page as PNG: \(Self.describe(status))")
        }
        return sink.data
    }

    /// Writes `pngData()` to `path`, replacing the file atomically.
    public func writePNG(to path: String) throws(RenderError) {
        if let failure = FileBytes.write(Array(try pngData()), to: path) {
            throw RenderError(.cannotWriteImage, "cannot write \(path): \(failure.reason)")
        }
    }

    /// A page from a PNG: a pixel darker than mid-grey (and not transparent) is ink. Cut marks are not
    /// pictures of their own, so `cuts` is empty.
    public init(pngData: Data) throws(RenderError) {
        let source = PNGSource(data: pngData)
        guard
            let surface = cairo_image_surface_create_from_png_stream(
                { closure, buffer, length in
                    guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
                    return Unmanaged<PNGSource>.fromOpaque(closure).takeUnretainedValue().read(
                        into: buffer, count: Int(length))
                }, Unmanaged.passUnretained(source).toOpaque())
        else { throw RenderError(.unreadableImage, "cannot read the PNG (out of memory?)") }
        withExtendedLifetime(source) {}
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(.unreadableImage, "cannot read the PNG: \(Self.describe(status))")
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        guard width > 0, let data = cairo_image_surface_get_data(surface) else {
            throw RenderError(.unreadableImage, "the PNG has no pixels")
        }
        // cairo loads greyscale and colour PNGs as RGB24, and those with transparency as premultiplied ARGB32.
        guard format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32 else {
            throw RenderError(.unreadableImage, "the PNG has a pixel format this reader does not handle")
        }
        var dots = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            let pixels = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = pixels[x]
                let alpha = format == CAIRO_FORMAT_ARGB32 ? pixel >> 24 : 255
                let red = (pixel >> 16) & 0xFF
                let green = (pixel >> 8) & 0xFF
                let blue = pixel & 0xFF
                // Premultiplied: an opaque black pixel is 0xFF000000, transparent paper 0x00000000.
                let luminance = (299 * red + 587 * green + 114 * blue) / 1000
                if alpha >= 128 && luminance < alpha / 2 { dots[y * width + x] = 1 }
            }
        }
        self.init(width: width, height: height, dots: dots)!
    }

    /// Reads the PNG file at `path`.
    public init(pngFile path: String) throws(RenderError) {
        let data: [UInt8]
        switch FileBytes.read(path) {
        case .success(let bytes): data = bytes
        case .failure(let failure): throw RenderError(.unreadableImage, "cannot read \(path): \(failure.reason)")
        }
        do {
            try self.init(pngData: Data(data))
        } catch {
            throw RenderError(.unreadableImage, "\(path): \(error.message)")
        }
    }

    private static func describe(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}

/// Collects the bytes cairo writes; a class so the C callback can reach it through a pointer.
private final class PNGSink {
    var data = Data()
}

/// Hands cairo a PNG's bytes in the chunks it asks for.
private final class PNGSource {
    let data: Data
    var offset = 0

    init(data: Data) { self.data = data }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> cairo_status_t {
        guard count <= data.count - offset else { return CAIRO_STATUS_READ_ERROR }
        data.copyBytes(to: buffer, from: data.startIndex + offset..<data.startIndex + offset + count)
        offset += count
        return CAIRO_STATUS_SUCCESS
    }
}
