// SPDX-License-Identifier: Apache-2.0
// The LAN listener's socket: bound to a configured address (numeric IPv4 or IPv6) and port.
internal import Glibc

/// Creates listening TCP sockets for the LAN listener.
public enum TCPListenSocket {
    /// Binds and listens on `address:port` (port 0 picks a free port; see `boundPort`).
    public static func listen(address: String, port: UInt16, backlog: Int32 = 128) throws(ServerError) -> Int32 {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(address, String(port), &hints, &result)
        guard rc == 0, let info = result else {
            throw ServerError(message: "lan.address \"\(address)\" is not a numeric IPv4 or IPv6 address")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket", address, port) }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let error = failure("bind", address, port)
            close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = failure("listen", address, port)
            close(fd)
            throw error
        }
        return fd
    }

    /// The port a listening socket is bound to (for port 0).
    public static func boundPort(_ fd: Int32) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard rc == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
        default: return nil
        }
    }

    private static func failure(_ call: String, _ address: String, _ port: UInt16) -> ServerError {
        let code = errno
        return ServerError(
            message: "cannot \(call) the LAN listener on \(address):\(port): \(String(cString: strerror(code)))")
    }
}
