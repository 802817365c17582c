// SPDX-License-Identifier: Apache-2.0
// sockaddr_un from a path or an "@abstract" name, with the exact length bind/connect need.
import Glibc

/// A Unix-domain socket address. A name starting with `@` is an abstract-namespace address (leading NUL,
/// no trailing NUL, as systemd writes NOTIFY_SOCKET); anything else is a filesystem path.
struct UnixSocketAddress {
    private var storage = sockaddr_un()
    private let length: socklen_t

    /// Fails with ENAMETOOLONG when the name does not fit in sun_path (107 bytes for a path), and with
    /// EINVAL for an empty name or one containing a NUL byte.
    init(_ name: String, call: String) throws(SystemError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else {
            throw SystemError(call: call, errno: EINVAL, detail: "\"\(name)\"", reason: "not a valid socket path")
        }
        let isAbstract = bytes[0] == UInt8(ascii: "@")
        // An abstract name replaces the "@" with NUL; a path needs room for its terminating NUL.
        let used = isAbstract ? bytes.count : bytes.count + 1
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard used <= capacity else {
            throw SystemError(
                call: call, errno: ENAMETOOLONG, detail: name,
                reason: "socket path is \(bytes.count) bytes long, the limit is \(capacity - 1)")
        }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { path in
            path.copyBytes(from: bytes)
            path[isAbstract ? 0 : bytes.count] = 0
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
        length = socklen_t(pathOffset + used)
    }

    /// Calls `body` with the address as the `sockaddr` pointer and length the socket calls take.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
