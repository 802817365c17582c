// SPDX-License-Identifier: Apache-2.0
// Finding and decoding QR codes on scanned pages with libzbar.

internal import CZBar
public import MadoCore

/// Reads QR codes from grayscale images. Only QR is enabled (answer sheets carry nothing else), which
/// also keeps zbar from spending time on linear barcode scans.
public enum QRCodeScanner {
    /// Every QR code on the whole image.
    public static func scan(_ image: GrayImage) -> [QRSymbol] {
        scanPixels(image.pixels, width: image.width, height: image.height, offsetX: 0, offsetY: 0)
    }

    /// Only the codes inside `region` (in the image's pixels; clipped to the image). Cropping first makes
    /// this several times faster than a full-page scan when the layout says where the code is printed;
    /// pass a region with some margin around the code. Corners are in the whole image's pixels.
    public static func scan(_ image: GrayImage, region: Rect) -> [QRSymbol] {
        guard region.x.isFinite, region.y.isFinite, region.width.isFinite, region.height.isFinite else { return [] }
        // Clamp in Double first: a region far outside the image must not overflow Int.
        let left = Int(min(max(region.x.rounded(.down), 0), Double(image.width)))
        let top = Int(min(max(region.y.rounded(.down), 0), Double(image.height)))
        let right = Int(min(max(region.maxX.rounded(.up), 0), Double(image.width)))
        let bottom = Int(min(max(region.maxY.rounded(.up), 0), Double(image.height)))
        guard right > left, bottom > top else { return [] }
        let width = right - left
        let height = bottom - top
        var crop = [UInt8](repeating: 255, count: width * height)
        image.pixels.withUnsafeBufferPointer { source in
            crop.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let from = source.baseAddress! + (top + y) * image.width + left
                    (target.baseAddress! + y * width).update(from: from, count: width)
                }
            }
        }
        return scanPixels(crop, width: width, height: height, offsetX: left, offsetY: top)
    }

    private static func scanPixels(_ pixels: [UInt8], width: Int, height: Int, offsetX: Int, offsetY: Int) -> [QRSymbol]
    {
        guard width > 0, height > 0, let scanner = zbar_image_scanner_create() else { return [] }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        // "Y800": 8-bit luminance, one byte a pixel, the layout of GrayImage.
        let y800 =
            UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16
            | UInt(UInt8(ascii: "0")) << 24
        zbar_image_set_format(zimage, y800)
        zbar_image_set_size(zimage, UInt32(width), UInt32(height))
        return pixels.withUnsafeBytes { raw -> [QRSymbol] in
            // No cleanup handler: zbar only borrows the buffer, which outlives the scan.
            zbar_image_set_data(zimage, raw.baseAddress, UInt(raw.count), nil)
            guard zbar_scan_image(scanner, zimage) > 0 else { return [] }
            var symbols: [QRSymbol] = []
            var symbol = zbar_image_first_symbol(zimage)
            while let current = symbol {
                if zbar_symbol_get_type(current) == ZBAR_QRCODE, let data = zbar_symbol_get_data(current) {
                    let length = Int(zbar_symbol_get_data_length(current))
                    let text = String(
                        decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                    var corners: [Point] = []
                    for index in 0..<zbar_symbol_get_loc_size(current) {
                        corners.append(
                            Point(
                                x: Double(Int(zbar_symbol_get_loc_x(current, index)) + offsetX),
                                y: Double(Int(zbar_symbol_get_loc_y(current, index)) + offsetY)))
                    }
                    symbols.append(QRSymbol(text: text, corners: corners))
                }
                symbol = zbar_symbol_next(current)
            }
            return symbols
        }
    }
}
