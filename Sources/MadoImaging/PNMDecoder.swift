// SPDX-License-Identifier: Apache-2.0
// Netpbm images (PBM, PGM, PPM; ASCII and binary), as SANE's scanimage writes them, parsed in Swift.

import Foundation
import MadoCore

/// Parses P1–P6. A file may hold several images one after another (netpbm streams), read as pages.
enum PNMDecoder {
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func decode(_ data: Data, options: ImageDecodeOptions) -> Result<DecodedPages, ImageDecodeError.Reason> {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<DecodedPages, ImageDecodeError.Reason> in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
            var pages: DecodedPages = []
            while true {
                let page = parser.image(options: options)
                pages.append(page)
                // After a failure the stream cannot be resynchronised; the pages before it are kept.
                guard case .success = page, parser.skipToNextImage() else { break }
                if pages.count == options.maxPages {
                    return .failure(.tooManyPages(count: options.maxPages + 1, limit: options.maxPages))
                }
            }
            return .success(pages)
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        /// Skips trailing whitespace; true when another image header follows.
        mutating func skipToNextImage() -> Bool {
            while offset < bytes.count && PNMDecoder.isWhitespace(bytes[offset]) { offset += 1 }
            return offset + 1 < bytes.count && bytes[offset] == UInt8(ascii: "P")
                && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[offset + 1])
        }

        mutating func image(options: ImageDecodeOptions) -> Result<GrayImage, ImageDecodeError.Reason> {
            guard offset + 2 <= bytes.count, bytes[offset] == UInt8(ascii: "P") else {
                return .failure(.damaged("no P1–P6 magic number"))
            }
            let kind = Int(bytes[offset + 1]) - Int(UInt8(ascii: "0"))
            guard (1...6).contains(kind) else { return .failure(.damaged("no P1–P6 magic number")) }
            offset += 2
            let header: (width: Int, height: Int, maxValue: Int)
            switch readHeader(bitmap: kind == 1 || kind == 4) {
            case .success(let value): header = value
            case .failure(let reason): return .failure(reason)
            }
            if let refusal = options.refusal(width: header.width, height: header.height) { return .failure(refusal) }
            guard (1...65535).contains(header.maxValue) else {
                return .failure(.damaged("maximum sample value \(header.maxValue) is outside 1…65535"))
            }
            switch kind {
            case 4: return binaryBitmap(width: header.width, height: header.height)
            case 5, 6:
                return binary(width: header.width, height: header.height, maxValue: header.maxValue, colour: kind == 6)
            default:
                return ascii(
                    width: header.width, height: header.height, maxValue: header.maxValue, kind: kind)
            }
        }

        /// Width, height and (except for bitmaps) maxval, then the single whitespace byte before binary data.
        private mutating func readHeader(bitmap: Bool) -> Result<
            (width: Int, height: Int, maxValue: Int), ImageDecodeError.Reason
        > {
            var numbers: [Int] = []
            for _ in 0..<(bitmap ? 2 : 3) {
                switch number() {
                case .success(let value): numbers.append(value)
                case .failure(let reason): return .failure(reason)
                }
            }
            guard offset < bytes.count else { return .failure(.truncated("the header ends without pixel data")) }
            // Exactly one whitespace byte separates the header from binary pixels.
            offset += 1
            return .success((numbers[0], numbers[1], bitmap ? 1 : numbers[2]))
        }

        /// The next decimal number, skipping whitespace and `#` comments.
        private mutating func number() -> Result<Int, ImageDecodeError.Reason> {
            skipWhitespaceAndComments()
            guard offset < bytes.count else { return .failure(.truncated("the header ends early")) }
            var value = 0
            var digits = 0
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                // Nine digits are far beyond any limit; stop before Int could overflow.
                guard digits < 9 else { return .failure(.damaged("a header number is too long")) }
                value = value * 10 + Int(bytes[offset] - UInt8(ascii: "0"))
                digits += 1
                offset += 1
            }
            guard digits > 0 else { return .failure(.damaged("the header holds a non-number")) }
            return .success(value)
        }

        private mutating func skipWhitespaceAndComments() {
            while offset < bytes.count {
                if PNMDecoder.isWhitespace(bytes[offset]) {
                    offset += 1
                } else if bytes[offset] == UInt8(ascii: "#") {
                    while offset < bytes.count && bytes[offset] != 0x0A && bytes[offset] != 0x0D { offset += 1 }
                } else {
                    return
                }
            }
        }

        private func truncation(_ have: Int, _ need: Int) -> ImageDecodeError.Reason {
            .truncated("\(max(have, 0)) of \(need) bytes of pixel data")
        }

        private mutating func binaryBitmap(width: Int, height: Int) -> Result<GrayImage, ImageDecodeError.Reason> {
            let rowBytes = (width + 7) / 8
            let need = rowBytes * height
            guard bytes.count - offset >= need else { return .failure(truncation(bytes.count - offset, need)) }
            let start = offset
            let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { output, count in
                for y in 0..<height {
                    let row = start + y * rowBytes
                    for x in 0..<width {
                        // PBM: 1 is black.
                        output[y * width + x] = (bytes[row + (x >> 3)] >> (7 - UInt8(x & 7))) & 1 == 1 ? 0 : 255
                    }
                }
                count = width * height
            }
            offset += need
            return .success(GrayImage(width: width, height: height, pixels: pixels))
        }

        private mutating func binary(
            width: Int, height: Int, maxValue: Int, colour: Bool
        ) -> Result<GrayImage, ImageDecodeError.Reason> {
            let sampleBytes = maxValue > 255 ? 2 : 1
            let channels = colour ? 3 : 1
            let need = width * height * channels * sampleBytes
            guard bytes.count - offset >= need else { return .failure(truncation(bytes.count - offset, need)) }
            let start = offset
            let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { output, count in
                func sample(_ index: Int) -> UInt8 {
                    let value =
                        sampleBytes == 1
                        ? Int(bytes[start + index])
                        : Int(bytes[start + 2 * index]) << 8 | Int(bytes[start + 2 * index + 1])
                    return maxValue == 255
                        ? UInt8(value) : UInt8((min(value, maxValue) * 255 + maxValue / 2) / maxValue)
                }
                for i in 0..<(width * height) {
                    output[i] =
                        colour
                        ? luminance(red: sample(3 * i), green: sample(3 * i + 1), blue: sample(3 * i + 2))
                        : sample(i)
                }
                count = width * height
            }
            offset += need
            return .success(GrayImage(width: width, height: height, pixels: pixels))
        }

        private mutating func ascii(
            width: Int, height: Int, maxValue: Int, kind: Int
        ) -> Result<GrayImage, ImageDecodeError.Reason> {
            // The header's last whitespace byte was consumed as if binary; ASCII data allows more of it.
            let channels = kind == 3 ? 3 : 1
            let need = width * height * channels
            // An ASCII sample takes at least one byte, so a short file is refused before allocating.
            guard bytes.count - offset >= need else { return .failure(truncation(bytes.count - offset, need)) }
            var samples = [UInt8](repeating: 0, count: need)
            for i in 0..<need {
                skipWhitespaceAndComments()
                guard offset < bytes.count else {
                    return .failure(.truncated("\(i) of \(need) samples"))
                }
                if kind == 1 {
                    // PBM ASCII digits need no separator; 1 is black.
                    switch bytes[offset] {
                    case UInt8(ascii: "0"): samples[i] = 255
                    case UInt8(ascii: "1"): samples[i] = 0
                    default: return .failure(.damaged("a PBM sample is not 0 or 1"))
                    }
                    offset += 1
                    continue
                }
                guard case .success(let value) = number() else {
                    return .failure(.damaged("sample \(i + 1) is not a number"))
                }
                guard value <= maxValue else {
                    return .failure(.damaged("sample \(i + 1) exceeds the maximum value \(maxValue)"))
                }
                samples[i] = UInt8((value * 255 + maxValue / 2) / maxValue)
            }
            let pixels =
                channels == 1
                ? samples
                : (0..<(width * height)).map {
                    luminance(red: samples[3 * $0], green: samples[3 * $0 + 1], blue: samples[3 * $0 + 2])
                }
            return .success(GrayImage(width: width, height: height, pixels: pixels))
        }
    }
}
