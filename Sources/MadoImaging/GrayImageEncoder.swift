// SPDX-License-Identifier: Apache-2.0
// Writing grayscale images as PNG (crops for teachers, debug output) and JPEG (test scans with real artifacts).

internal import CJPEG
internal import CPNG
public import Foundation
public import MadoCore

/// Encodes `GrayImage`s with the same libraries that decode them.
public enum GrayImageEncoder {
    /// A lossless 8-bit grayscale PNG.
    public static func png(_ image: GrayImage) throws(ImageDecodeError) -> Data {
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = UInt32(PNG_FORMAT_GRAY)
        var size = 0
        let result: Data? = image.pixels.withUnsafeBytes { pixels in
            // First call measures, second writes.
            guard png_image_write_to_memory(&png, nil, &size, 0, pixels.baseAddress, Int32(image.width), nil) != 0
            else { return nil }
            var output = Data(count: size)
            let written = output.withUnsafeMutableBytes { buffer in
                png_image_write_to_memory(
                    &png, buffer.baseAddress, &size, 0, pixels.baseAddress, Int32(image.width), nil)
            }
            guard written != 0 else { return nil }
            return output.prefix(size)
        }
        guard let result else {
            let message = withUnsafeBytes(of: &png.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            png_image_free(&png)
            throw ImageDecodeError(format: .png, page: nil, reason: .encodingFailed(message))
        }
        return result
    }

    /// A baseline grayscale JPEG; `quality` 1…100 (scanners use 75–90).
    public static func jpeg(_ image: GrayImage, quality: Int) throws(ImageDecodeError) -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            cjpeg_encode_gray(
                pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(min(max(quality, 1), 100)), &output,
                &outputSize, &message, message.count)
        }
        guard status == 0, let output else {
            let text = String(decoding: message.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageDecodeError(format: .jpeg, page: nil, reason: .encodingFailed(text))
        }
        defer { free(output) }
        return Data(bytes: output, count: outputSize)
    }
}
