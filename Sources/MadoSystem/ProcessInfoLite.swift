// SPDX-License-Identifier: Apache-2.0
// The process id and environment without Foundation, and the resident memory size for status reports.
import CSysShims
import Glibc

/// What Foundation's ProcessInfo would say about this process, for modules that do without Foundation.
public enum ProcessInfoLite {
    public static var pid: Int32 { getpid() }

    /// A snapshot of the environment. For a name set twice, the first entry wins, as getenv(3) does.
    public static var environment: [String: String] {
        var result: [String: String] = [:]
        guard let entries = mado_environment() else { return result }
        var index = 0
        while let entry = entries[index] {
            index += 1
            let text = String(cString: entry)
            guard let equals = text.firstIndex(of: "=") else { continue }
            let name = String(text[..<equals])
            if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
        }
        return result
    }
}

/// Resident set size of this process in bytes (from /proc/self/statm), for status and benchmarks.
/// 0 when /proc cannot be read.
public func residentMemoryBytes() -> Int {
    let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return 0 }
    // "size resident shared text lib data dt", all in pages.
    let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
    guard fields.count >= 2, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
