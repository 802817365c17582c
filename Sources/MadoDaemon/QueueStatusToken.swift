// SPDX-License-Identifier: Apache-2.0
// The unguessable token in a ticket's status URL (the QR code on the printed ticket).
import Foundation

/// 128 random bits from the system CSPRNG (getrandom(2) on Linux), base64url without padding:
/// 22 characters that anyone holding the ticket can use, and nobody else can guess.
enum QueueStatusToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in stride(from: 0, to: 16, by: 8) {
            var word = generator.next()
            for k in 0..<8 {
                bytes[i + k] = UInt8(truncatingIfNeeded: word)
                word >>= 8
            }
        }
        return base64URL(bytes)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// RFC 4648 §5 base64url without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            let characters = min(4, (bytes.count - i) * 4 / 3 + ((bytes.count - i) < 3 ? 1 : 0))
            for k in 0..<characters { out.append(alphabet[Int(group >> (18 - 6 * UInt32(k)) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The status page URL printed on the ticket; relative when no public base URL is configured.
    static func statusURL(token: String, publicBaseURL: String?) -> String {
        "\(publicBaseURL ?? "")/t/\(token)"
    }
}
