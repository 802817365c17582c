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
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The status page URL printed on the ticket; relative when no public base URL is configured.
    static func statusURL(token: String, publicBaseURL: String?) -> String {
        "\(publicBaseURL ?? "")/t/\(token)"
    }
}
