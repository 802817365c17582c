// SPDX-License-Identifier: Apache-2.0
// Memory figures from /proc/PID/status, for madod (by pid) and for mado-bench itself ("self").
import Foundation

enum ProcStatus {
    /// The status text of a process: a pid, or "self".
    static func text(of process: String) -> String? {
        try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8)
    }

    /// A "kB" field such as VmRSS ("VmRSS:\t   14100 kB") in bytes; nil when the field is missing.
    static func bytes(_ field: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first
                .flatMap({ Double($0) })
        else { return nil }
        return kilobytes * 1024
    }
}
