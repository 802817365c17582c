// SPDX-License-Identifier: Apache-2.0
// Device nodes opened with their failure explained, and poll(2)-bounded reads and writes on a non-blocking
// descriptor, shared by the TCP and usblp printer transports and the serial boards.
import Glibc

/// Blocking-with-a-deadline I/O on a descriptor opened with O_NONBLOCK. `what` names the peer in errors.
enum FileDescriptorIO {
    /// What to tell a technician when a device node cannot be opened, by cause.
    struct OpenAdvice {
        let missing: String
        let permission: String
        let busy: String
    }

    /// Opens a device node read-write, non-blocking, never as our terminal (it may be a pty in tests
    /// or a serial adapter); a failure names the node and the likely cause in `advice`'s words.
    static func openDevice(_ path: String, advice: OpenAdvice) throws(DeviceError) -> Int32 {
        let opened = Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard opened < 0 else { return opened }
        let code = errno
        let why: String
        switch code {
        case ENOENT, ENODEV, ENXIO: why = advice.missing
        case EACCES, EPERM: why = advice.permission
        case EBUSY: why = advice.busy
        default: why = String(cString: strerror(code))
        }
        throw DeviceError("cannot open \(path): \(why)")
    }

    /// Waits for `events`; true when ready, false on timeout. POLLHUP/POLLERR count as ready so the next
    /// read or write reports the real error.
    static func wait(_ fd: Int32, for events: Int16, milliseconds: Int32) throws(DeviceError) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let rc = poll(&entry, 1, milliseconds)
            if rc > 0 { return true }
            if rc == 0 { return false }
            if errno == EINTR { continue }
            throw DeviceError("poll failed: \(String(cString: strerror(errno)))")
        }
    }

    static func writeAll(
        _ fd: Int32, _ bytes: [UInt8], timeout: Duration, what: String,
        send: (Int32, UnsafeRawPointer, Int) -> Int
    ) throws(DeviceError) {
        var offset = 0
        let deadline = ContinuousClock.now + timeout
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            if written < 0 && code == EINTR { continue }
            if written < 0 && code != EAGAIN && code != EWOULDBLOCK {
                throw DeviceError("cannot write to \(what): \(String(cString: strerror(code)))")
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero, try wait(fd, for: Int16(POLLOUT), milliseconds: left.pollMilliseconds) else {
                throw DeviceError(
                    "\(what) accepted \(offset) of \(bytes.count) bytes and then nothing for "
                        + "\(timeout.spoken) (offline or out of paper?)")
            }
        }
    }

    static func read(
        _ fd: Int32, timeout: Duration, what: String, receive: (Int32, UnsafeMutableRawPointer, Int) -> Int
    ) throws(DeviceError) -> [UInt8] {
        guard try wait(fd, for: Int16(POLLIN), milliseconds: timeout.pollMilliseconds) else { return [] }
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = buffer.withUnsafeMutableBytes { receive(fd, $0.baseAddress!, $0.count) }
            if count > 0 { return Array(buffer[..<count]) }
            if count == 0 { throw DeviceError("\(what) closed the connection") }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return [] }
            throw DeviceError("cannot read from \(what): \(String(cString: strerror(code)))")
        }
    }
}
