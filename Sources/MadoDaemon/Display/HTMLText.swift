// SPDX-License-Identifier: Apache-2.0
// Text placed into the display and status pages: escaped for HTML, or JSON made safe inside <script>.
import Foundation
import MadoCore

enum HTMLText {
    /// `s` as HTML text or a double-quoted attribute value.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for character in s {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// JSON for a `<script type="application/json">` block: `<` only occurs inside JSON strings,
    /// where `\u003c` means the same, so no `</script>` or `<!--` in the data can end the block.
    static func scriptJSON(_ value: JSONValue) -> String {
        QueueJSONWriter.string(value).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
