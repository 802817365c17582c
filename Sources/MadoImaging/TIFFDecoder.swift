// SPDX-License-Identifier: Apache-2.0
// TIFF (multi-page, as document scanners write it) to grayscale through libtiff, read from memory.

internal import CTIFF
import Foundation
import MadoCore

enum TIFFDecoder {
    /// libtiff's process-wide handlers print to stderr; they are switched off once, before the first use.
    private static let globalsSilenced: Void = mado_tiff_silence_globals()

    static func decode(_ data: Data, options: ImageDecodeOptions) -> Result<DecodedPages, ImageDecodeError.Reason> {
        _ = globalsSilenced
        return data.withUnsafeBytes {
            (bytes: UnsafeRawBufferPointer) -> Result<DecodedPages, ImageDecodeError.Reason> in
            // libtiff keeps the pointer for the handle's life, so it needs a stable address.
            let memory = UnsafeMutablePointer<mado_tiff_memory>.allocate(capacity: 1)
            defer { memory.deallocate() }
            memory.initialize(to: mado_tiff_memory())
            memory.pointee.data = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            memory.pointee.size = UInt64(bytes.count)
            // One page at the size limit as RGBA is the largest buffer libtiff itself needs to make.
            guard let tiff = mado_tiff_open_memory(memory, Int64(options.maxPixels) * 4) else {
                return .failure(reason(message(memory), fallback: "libtiff cannot open it"))
            }
            defer { TIFFClose(tiff) }
            var pages: DecodedPages = []
            repeat {
                if pages.count == options.maxPages {
                    return .failure(.tooManyPages(count: Int(TIFFNumberOfDirectories(tiff)), limit: options.maxPages))
                }
                memory.pointee.message.0 = 0
                pages.append(decodePage(tiff, memory: memory, options: options))
                memory.pointee.message.0 = 0
                guard TIFFReadDirectory(tiff) == 1 else {
                    // 0 is the normal end of the chain unless libtiff also reported an error: then a page
                    // that should follow could not be read.
                    if memory.pointee.message.0 != 0 {
                        pages.append(.failure(reason(message(memory), fallback: "")))
                    }
                    break
                }
            } while true
            return .success(pages)
        }
    }

    private static func decodePage(
        _ tiff: OpaquePointer, memory: UnsafeMutablePointer<mado_tiff_memory>, options: ImageDecodeOptions
    ) -> Result<GrayImage, ImageDecodeError.Reason> {
        var info = mado_tiff_page()
        guard mado_tiff_page_info(tiff, &info) != 0 else {
            return .failure(reason(message(memory), fallback: "the page declares no width or height"))
        }
        let width = Int(info.width)
        let height = Int(info.height)
        if let refusal = options.refusal(width: width, height: height) { return .failure(refusal) }
        let photometric = Int32(info.photometric)
        let gray = photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK
        let bits = Int(info.bitsPerSample)
        let samples = Int(info.samplesPerPixel)
        // The layouts scanners write are converted row by row; anything else (tiles, YCbCr, palettes,
        // separate planes) goes through libtiff's RGBA reader, which needs 4 bytes a pixel at once.
        let byScanline =
            info.tiled == 0 && Int32(info.planarConfig) == PLANARCONFIG_CONTIG
            && ((gray && samples == 1 && [1, 8, 16].contains(bits))
                || (photometric == PHOTOMETRIC_RGB && bits == 8 && (samples == 3 || samples == 4)))
        let result =
            byScanline
            ? decodeScanlines(
                tiff, width: width, height: height, bits: bits, samples: samples, photometric: photometric)
            : decodeRGBA(tiff, width: width, height: height)
        switch result {
        case .success(let pixels): return .success(GrayImage(width: width, height: height, pixels: pixels))
        case .failure(let fallback): return .failure(reason(message(memory), fallback: fallback.detail))
        }
    }

    private struct PageFailure: Error { var detail: String }

    private static func decodeScanlines(
        _ tiff: OpaquePointer, width: Int, height: Int, bits: Int, samples: Int, photometric: Int32
    ) -> Result<[UInt8], PageFailure> {
        let lineSize = Int(TIFFScanlineSize(tiff))
        let needed = (width * samples * bits + 7) / 8
        guard lineSize >= needed else { return .failure(PageFailure(detail: "inconsistent scanline size")) }
        let line = UnsafeMutableRawBufferPointer.allocate(byteCount: lineSize, alignment: 8)
        defer { line.deallocate() }
        let whiteIsZero = photometric == PHOTOMETRIC_MINISWHITE
        var failedRow: Int?
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { output, count in
            output.initialize(repeating: 255)
            count = width * height
            for row in 0..<height {
                guard TIFFReadScanline(tiff, line.baseAddress, UInt32(row), 0) == 1 else {
                    failedRow = row
                    return
                }
                let out = output.baseAddress! + row * width
                switch (bits, samples) {
                case (1, _):
                    let bytes = line.bindMemory(to: UInt8.self)
                    // A set bit is black in WhiteIsZero (the fax convention scanners use) and white otherwise.
                    let setBit: UInt8 = whiteIsZero ? 0 : 255
                    for x in 0..<width {
                        let bit = (bytes[x >> 3] >> (7 - UInt8(x & 7))) & 1
                        out[x] = bit == 1 ? setBit : 255 - setBit
                    }
                case (8, 1):
                    let bytes = line.bindMemory(to: UInt8.self)
                    for x in 0..<width { out[x] = whiteIsZero ? 255 - bytes[x] : bytes[x] }
                case (16, 1):
                    let words = line.bindMemory(to: UInt16.self)
                    for x in 0..<width {
                        let value = UInt8(words[x] >> 8)
                        out[x] = whiteIsZero ? 255 - value : value
                    }
                default:
                    let bytes = line.bindMemory(to: UInt8.self)
                    for x in 0..<width {
                        let i = x * samples
                        out[x] = luminance(red: bytes[i], green: bytes[i + 1], blue: bytes[i + 2])
                    }
                }
            }
        }
        if let failedRow { return .failure(PageFailure(detail: "cannot read row \(failedRow)")) }
        return .success(pixels)
    }

    private static func decodeRGBA(_ tiff: OpaquePointer, width: Int, height: Int) -> Result<[UInt8], PageFailure> {
        var why = [CChar](repeating: 0, count: 1024)
        guard TIFFRGBAImageOK(tiff, &why) == 1 else {
            let text = String(decoding: why.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(PageFailure(detail: "unsupported sample layout: \(text)"))
        }
        let raster = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: width * height)
        defer { raster.deallocate() }
        guard
            TIFFReadRGBAImageOriented(tiff, UInt32(width), UInt32(height), raster.baseAddress, ORIENTATION_TOPLEFT, 0)
                == 1
        else {
            return .failure(PageFailure(detail: "libtiff cannot decode the page"))
        }
        // ABGR in a native word; transparent areas are composited onto white paper.
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { output, count in
            for i in 0..<(width * height) {
                let value = raster[i]
                let alpha = Int(value >> 24)
                let grey = Int(
                    luminance(
                        red: UInt8(value & 0xFF), green: UInt8((value >> 8) & 0xFF), blue: UInt8((value >> 16) & 0xFF)))
                output[i] = UInt8((grey * alpha + 255 * (255 - alpha) + 127) / 255)
            }
            count = width * height
        }
        return .success(pixels)
    }

    private static func message(_ memory: UnsafeMutablePointer<mado_tiff_memory>) -> String {
        withUnsafeBytes(of: &memory.pointee.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    /// libtiff's message when it gave one (it says more), else what this decoder saw.
    private static func reason(_ message: String, fallback: String) -> ImageDecodeError.Reason {
        let text = message.isEmpty ? fallback : message
        let lowered = text.lowercased()
        if lowered.contains("read error") || lowered.contains("seek error") || lowered.contains("end of file")
            || lowered.contains("eof") || lowered.contains("beyond") || lowered.contains("past end")
        {
            return .truncated(text)
        }
        if text.contains("Cannot handle") || text.contains("unsupported") || text.contains("not configured") {
            return .unsupported(text)
        }
        return .damaged(text.isEmpty ? "libtiff cannot read it" : text)
    }
}
