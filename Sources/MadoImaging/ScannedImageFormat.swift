// SPDX-License-Identifier: Apache-2.0
// Telling scan formats apart by their first bytes (file names and MIME types lie).

public import Foundation

/// The file formats a scanned answer sheet may arrive in.
public enum ScannedImageFormat: String, Sendable, Equatable, CaseIterable {
    case png, jpeg, tiff, pnm, pdf

    public var displayName: String {
        switch self {
        case .png: return "PNG"
        case .jpeg: return "JPEG"
        case .tiff: return "TIFF"
        case .pnm: return "PNM"
        case .pdf: return "PDF"
        }
    }

    /// The format the bytes start with, or nil.
    public static func sniff(_ data: Data) -> ScannedImageFormat? {
        let head = [UInt8](data.prefix(1024))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        // Classic TIFF (42) and BigTIFF (43), little- and big-endian.
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || head.starts(with: [0x49, 0x49, 0x2B, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2B])
        {
            return .tiff
        }
        if head.count >= 3, head[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(head[1]),
            PNMDecoder.isWhitespace(head[2]) || head[2] == UInt8(ascii: "#")
        {
            return .pnm
        }
        // PDF readers accept up to 1 KiB of junk before the header; some copiers' mail gateways add some.
        if head.firstRange(of: Array("%PDF-".utf8)) != nil { return .pdf }
        return nil
    }

    /// The name of a recognised but unsupported format, for the error message.
    static func unsupportedName(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(16))
        if head.starts(with: Array("BM".utf8)) && head.count >= 14 { return "BMP" }
        if head.starts(with: Array("GIF8".utf8)) { return "GIF" }
        if head.count >= 12 && head.starts(with: Array("RIFF".utf8)) && Array(head[8..<12]) == Array("WEBP".utf8) {
            return "WebP"
        }
        if head.count >= 12 && Array(head[4..<8]) == Array("ftyp".utf8) { return "HEIF/HEIC" }
        if head.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20])
            || head.starts(with: [0xFF, 0x4F, 0xFF, 0x51])
        {
            return "JPEG 2000"
        }
        return nil
    }
}
