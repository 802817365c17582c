// SPDX-License-Identifier: Apache-2.0
// Small image files written in Swift for the decoder tests (uncompressed TIFF, image-only PDF, PNM, and
// hand-made headers that claim huge sizes), so no binary fixtures are checked in.

import Foundation
import MadoCore

enum TestImageFiles {
    /// A recognisable test pattern: a gradient with a black square, so orientation and values can be checked.
    static func pattern(width: Int, height: Int, seed: Int = 0) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                image[x, y] = UInt8((x * 255 / max(1, width - 1) + seed * 37) % 256)
            }
        }
        for y in 0..<min(height, height / 4 + 1) {
            for x in 0..<min(width, width / 4 + 1) { image[x, y] = 0 }
        }
        return image
    }

    // MARK: TIFF

    /// One TIFF page: its pixel bytes and tags.
    struct TIFFPage {
        var width: Int
        var height: Int
        var bitsPerSample: Int
        var samplesPerPixel: Int
        /// 0 WhiteIsZero, 1 BlackIsZero, 2 RGB.
        var photometric: Int
        var data: [UInt8]
    }

    /// An uncompressed little-endian TIFF, one strip per page, pages chained in order.
    static func tiff(_ pages: [TIFFPage]) -> Data {
        var out: [UInt8] = [0x49, 0x49, 42, 0, 0, 0, 0, 0]
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16((v >> 16) & 0xFFFF) }
        func patch32(_ at: Int, _ v: Int) { out.replaceSubrange(at..<(at + 4), with: u32(v)) }
        var linkOffset = 4
        for page in pages {
            // Pixel data first, then the bits-per-sample array (RGB), then the directory.
            let dataOffset = out.count
            out += page.data
            if out.count % 2 == 1 { out.append(0) }
            var bitsOffset = 0
            if page.samplesPerPixel > 1 {
                bitsOffset = out.count
                for _ in 0..<page.samplesPerPixel { out += u16(page.bitsPerSample) }
            }
            let ifd = out.count
            patch32(linkOffset, ifd)
            var entries: [(tag: Int, type: Int, count: Int, value: Int)] = [
                (256, 4, 1, page.width), (257, 4, 1, page.height),
                (258, 3, page.samplesPerPixel, page.samplesPerPixel > 1 ? bitsOffset : page.bitsPerSample),
                (259, 3, 1, 1), (262, 3, 1, page.photometric), (273, 4, 1, dataOffset),
                (277, 3, 1, page.samplesPerPixel), (278, 4, 1, page.height), (279, 4, 1, page.data.count),
                (284, 3, 1, 1),
            ]
            entries.sort { $0.tag < $1.tag }
            out += u16(entries.count)
            for entry in entries {
                out += u16(entry.tag) + u16(entry.type) + u32(entry.count)
                out += entry.type == 3 && entry.count == 1 ? u16(entry.value) + [0, 0] : u32(entry.value)
            }
            linkOffset = out.count
            out += u32(0)
        }
        return Data(out)
    }

    static func tiffPage(_ image: GrayImage) -> TIFFPage {
        TIFFPage(
            width: image.width, height: image.height, bitsPerSample: 8, samplesPerPixel: 1, photometric: 1,
            data: image.pixels)
    }

    // MARK: PNM

    static func pgm(_ image: GrayImage, comment: String? = nil) -> Data {
        var header = "P5\n"
        if let comment { header += "# \(comment)\n" }
        header += "\(image.width) \(image.height)\n255\n"
        return Data(header.utf8) + Data(image.pixels)
    }

    // MARK: PDF

    /// A PDF with one page per image, each page the image drawn at `dpi` (an 8-bit DeviceGray XObject),
    /// as a copier's scan-to-PDF writes it (uncompressed here).
    static func pdf(_ images: [GrayImage], dpi: Double, mediaBoxOverride: (Double, Double)? = nil) -> Data {
        var out = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        func object(_ body: Data) {
            offsets.append(out.count)
            out += Data("\(offsets.count) 0 obj\n".utf8) + body + Data("\nendobj\n".utf8)
        }
        let pageCount = images.count
        // Objects: 1 catalog, 2 pages, then per page: page, contents, image.
        let pageIDs = (0..<pageCount).map { 3 + 3 * $0 }
        object(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(
            Data(
                "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageCount) >>"
                    .utf8))
        for (index, image) in images.enumerated() {
            let width = mediaBoxOverride?.0 ?? Double(image.width) * 72 / dpi
            let height = mediaBoxOverride?.1 ?? Double(image.height) * 72 / dpi
            let id = pageIDs[index]
            object(
                Data(
                    ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Contents \(id + 1) 0 R "
                        + "/Resources << /XObject << /Im\(index) \(id + 2) 0 R >> >> >>").utf8))
            let content = "q \(width) 0 0 \(height) 0 0 cm /Im\(index) Do Q"
            object(Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8))
            object(
                Data(
                    ("<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) "
                        + "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(image.pixels.count) >>\nstream\n").utf8
                )
                    + Data(image.pixels) + Data("\nendstream".utf8))
        }
        let xref = out.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Data(table.utf8)
    }

    // MARK: Huge headers

    /// CRC-32 (ISO-HDLC), as PNG chunks use it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A PNG signature and a valid IHDR claiming `width × height` 8-bit gray, then a tiny IDAT and IEND.
    static func pngHeader(width: Int, height: Int) -> Data {
        func be32(_ v: UInt32) -> [UInt8] {
            [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            return be32(UInt32(body.count)) + typed + be32(crc32(typed))
        }
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, 0, 0, 0, 0]
        let bytes =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr)
            + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
        return Data(bytes)
    }

    /// A JPEG whose SOF0 header is rewritten to claim `width × height`.
    static func jpegClaiming(_ jpeg: Data, width: Int, height: Int) -> Data {
        var bytes = [UInt8](jpeg)
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { break }
            let marker = bytes[i + 1]
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if marker == 0xC0 || marker == 0xC2 {
                bytes[i + 5] = UInt8(height >> 8)
                bytes[i + 6] = UInt8(height & 0xFF)
                bytes[i + 7] = UInt8(width >> 8)
                bytes[i + 8] = UInt8(width & 0xFF)
                break
            }
            i += 2 + length
        }
        return Data(bytes)
    }
}
