// SPDX-License-Identifier: Apache-2.0
// A datagram socket standing in for systemd's notify socket, so the bench sees READY=1 when systemd would.
import Glibc

/// Receives what madod sends with the sd_notify protocol. Owns its descriptor and its file.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws(BenchError) {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw BenchError("cannot create the notify socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw BenchError("cannot bind the notify socket \(path): path too long for a Unix socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw BenchError("cannot bind the notify socket \(path): \(reason)")
        }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// The next datagram, or nil when none arrives within `timeout` seconds.
    func receive(timeout: Double) -> String? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        var ready: Int32
        repeat {
            ready = poll(&pfd, 1, Int32(max(0, timeout) * 1000))
        } while ready < 0 && errno == EINTR
        guard ready == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// Waits for a datagram with `assignment` (e.g. "READY=1") on a line of its own and returns the
    /// monotonic time it was received, or nil when it does not come before `deadline`.
    func waitFor(_ assignment: String, until deadline: Double) -> Double? {
        while true {
            let left = deadline - MonotonicClock.seconds()
            guard left > 0, let message = receive(timeout: left) else { return nil }
            let received = MonotonicClock.seconds()
            if message.split(separator: "\n").contains(where: { $0 == assignment }) { return received }
        }
    }
}
