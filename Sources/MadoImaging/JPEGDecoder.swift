// SPDX-License-Identifier: Apache-2.0
// JPEG to grayscale through libjpeg-turbo; the setjmp guard lives in the CJPEG shim.

internal import CJPEG
import Foundation
import MadoCore

enum JPEGDecoder {
    static func decode(_ data: Data, options: ImageDecodeOptions) -> Result<GrayImage, ImageDecodeError.Reason> {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<GrayImage, ImageDecodeError.Reason> in
            let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var width: Int32 = 0
            var height: Int32 = 0
            var components: Int32 = 0
            var message = [CChar](repeating: 0, count: 256)
            // The header alone first, so a bomb is refused with the same reason as in every other format.
            guard cjpeg_read_header(base, bytes.count, &width, &height, &components, &message, message.count) == 0
            else {
                return .failure(reason(message))
            }
            if let refusal = options.refusal(width: Int(width), height: Int(height)) { return .failure(refusal) }
            var pixels: UnsafeMutablePointer<UInt8>?
            let status = cjpeg_decode_gray(
                base, bytes.count, Int32(options.maxSide), Int32(options.maxSide), options.maxPixels, &pixels, &width,
                &height, &message, message.count)
            guard status == 0, let pixels else { return .failure(reason(message)) }
            defer { free(pixels) }
            let count = Int(width) * Int(height)
            return .success(
                GrayImage(
                    width: Int(width), height: Int(height),
                    pixels: [UInt8](UnsafeBufferPointer(start: pixels, count: count))))
        }
    }

    private static func reason(_ message: [CChar]) -> ImageDecodeError.Reason {
        let text = String(decoding: message.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.contains("CMYK") { return .unsupported(text) }
        if text.contains("Premature end") || text.contains("truncated") || text.contains("empty input") {
            return .truncated(text)
        }
        return .damaged(text)
    }
}
