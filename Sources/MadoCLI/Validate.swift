// SPDX-License-Identifier: Apache-2.0
// Local checks of command-line values, so that a typo is a usage error (exit 64) naming the option
// rather than a confusing answer from the daemon; and the encoding of ids placed in URL paths.
internal import Foundation

/// Checks for values that end up in an API path or query.
public enum Validate {
    /// An id of a service, counter or ticket: not empty, no spaces, no `/`, `?` or `#`.
    public static func identifier(_ value: String, for argument: String, command: String, example: String? = nil)
        throws(CLIError)
    {
        let forbidden = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "/?#%"))
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ !forbidden.contains($0) }) else {
            let expected = example.map { "expected \($0)" } ?? "expected an id without spaces, '/', '?', '#' or '%'"
            throw .usage("The value '\(value)' is invalid for '\(argument)': \(expected)", command: command)
        }
    }

    /// A calendar date written `YYYY-MM-DD` that exists (2025-02-30 does not).
    public static func date(_ value: String, for argument: String, command: String) throws(CLIError) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let isWellFormed =
            parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        let invalid = CLIError.usage(
            "The value '\(value)' is invalid for '\(argument)': expected a date like 2025-04-01", command: command)
        guard isWellFormed, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw invalid
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard DateComponents(year: year, month: month, day: day).isValidDate(in: calendar) else { throw invalid }
    }

    /// `value` percent-encoded to sit in one URL path segment.
    public static func pathSegment(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
