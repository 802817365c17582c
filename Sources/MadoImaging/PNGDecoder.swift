// SPDX-License-Identifier: Apache-2.0
// PNG to grayscale through libpng's simplified API, which handles every bit depth, palette and alpha.

internal import CPNG
import Foundation
import MadoCore

/// libpng's `png_image` API reports errors in the struct instead of by longjmp, so no C shim is needed.
enum PNGDecoder {
    static func decode(_ data: Data, options: ImageDecodeOptions) -> Result<GrayImage, ImageDecodeError.Reason> {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<GrayImage, ImageDecodeError.Reason> in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
                return .failure(reason(from: &image))
            }
            let width = Int(image.width)
            let height = Int(image.height)
            if let refusal = options.refusal(width: width, height: height) {
                png_image_free(&image)
                return .failure(refusal)
            }
            image.format = UInt32(PNG_FORMAT_GRAY)
            // Transparent pixels are paper: composite onto white, not the black libpng would choose.
            var white = png_color(red: 255, green: 255, blue: 255)
            var failure: ImageDecodeError.Reason?
            let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
                if png_image_finish_read(&image, &white, buffer.baseAddress, Int32(width), nil) == 0 {
                    failure = reason(from: &image)
                    buffer.initialize(repeating: 255)
                }
                count = width * height
            }
            png_image_free(&image)
            if let failure { return .failure(failure) }
            return .success(GrayImage(width: width, height: height, pixels: pixels))
        }
    }

    private static func reason(from image: inout png_image) -> ImageDecodeError.Reason {
        let message = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if message.contains("Not enough image data") || message.contains("end of file")
            || message.contains("read beyond end") || message.contains("EOF")
        {
            return .truncated(message)
        }
        return .damaged(message.isEmpty ? "libpng gave no reason" : message)
    }
}
