// SPDX-License-Identifier: Apache-2.0
// A LAN ticket printer's raw port (9100): non-blocking connect with a timeout, TCP_NODELAY.
import Glibc

final class TCPPrinterTransport: TicketPrinterTransport {
    let host: String
    let port: UInt16
    private var fd: Int32 = -1

    init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    deinit { close() }

    var isOpen: Bool { fd >= 0 }

    private var what: String { "\(host):\(port)" }

    func open(timeout: Duration) throws(DeviceError) {
        guard fd < 0 else { return }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw DeviceError("cannot find printer host \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        let deadline = ContinuousClock.now + timeout
        while let candidate = entry {
            entry = candidate.pointee.ai_next
            let socketFD = socket(
                candidate.pointee.ai_family,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
                    | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard socketFD >= 0 else {
                lastError = String(cString: strerror(errno))
                continue
            }
            var one: Int32 = 1
            // A status request is 3 bytes and must leave at once, not wait for Nagle.
            setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(socketFD, SOL_SOCKET, SO_KEEPALIVE, &one, socklen_t(MemoryLayout<Int32>.size))
            if connect(socketFD, candidate.pointee.ai_addr, candidate.pointee.ai_addrlen) == 0
                || finishConnect(socketFD, until: deadline, error: &lastError)
            {
                fd = socketFD
                return
            }
            Glibc.close(socketFD)
        }
        throw DeviceError("cannot connect to \(what): \(lastError)")
    }

    /// Waits for a connect in progress; false with `error` set when it fails or times out.
    private func finishConnect(_ socketFD: Int32, until deadline: ContinuousClock.Instant, error: inout String) -> Bool
    {
        guard errno == EINPROGRESS else {
            error = String(cString: strerror(errno))
            return false
        }
        let left = deadline - ContinuousClock.now
        let ready = (try? FileDescriptorIO.wait(socketFD, for: Int16(POLLOUT), milliseconds: left.pollMilliseconds))
        guard left > .zero, ready == true else {
            error = "no answer within the connect timeout (wrong address, or the printer is off)"
            return false
        }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(socketFD, SOL_SOCKET, SO_ERROR, &code, &length)
        guard code == 0 else {
            error = String(cString: strerror(code))
            return false
        }
        return true
    }

    func write(_ bytes: [UInt8], timeout: Duration) throws(DeviceError) {
        guard fd >= 0 else { throw DeviceError("not connected to \(what)") }
        try FileDescriptorIO.writeAll(fd, bytes, timeout: timeout, what: what) { fd, pointer, count in
            send(fd, pointer, count, Int32(MSG_NOSIGNAL))
        }
    }

    func read(timeout: Duration) throws(DeviceError) -> [UInt8] {
        guard fd >= 0 else { throw DeviceError("not connected to \(what)") }
        return try FileDescriptorIO.read(fd, timeout: timeout, what: what) { fd, pointer, count in
            recv(fd, pointer, count, 0)
        }
    }

    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }
}
