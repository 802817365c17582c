// SPDX-License-Identifier: Apache-2.0
// A serial character device (USB-serial adapter, RS-232 port, pty) in raw 8N1 at a fixed speed.
import Glibc

/// One open tty, set up the way LED boards expect: raw bytes, 8 data bits, no parity, one stop bit, no
/// hardware or software flow control (boards rarely wire RTS/CTS, and XON/XOFF would eat 11 and 13 bytes).
///
/// Not thread-safe: its owner (`SerialBoard`) uses it from one serial queue only.
final class SerialPort {
    let path: String
    let baud: Int
    private var fd: Int32 = -1

    /// The speeds termios offers for these rates, as `SerialBoardSettings.baudRates` lists them.
    static let speeds: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600),
        19200: speed_t(B19200), 38400: speed_t(B38400), 57600: speed_t(B57600), 115200: speed_t(B115200),
    ]

    init(path: String, baud: Int) {
        self.path = path
        self.baud = baud
    }

    deinit { close() }

    var isOpen: Bool { fd >= 0 }

    /// open(2) with O_NOCTTY (a tty must never become madod's controlling terminal) and O_NONBLOCK (writes
    /// are bounded by poll), then tcsetattr(3) for raw 8N1 at `baud`.
    func open() throws(DeviceError) {
        guard fd < 0 else { return }
        guard let speed = Self.speeds[baud] else {
            let known = Self.speeds.keys.sorted().map(String.init).joined(separator: ", ")
            throw DeviceError("cannot set \(path) to \(baud) baud: not a standard speed (use one of \(known))")
        }
        let opened = try FileDescriptorIO.openDevice(
            path,
            advice: .init(
                missing: "no such device (USB-serial adapter unplugged?)",
                permission:
                    "permission denied (the udev rule 60-mado.rules gives serial adapters to the group mado; is it installed?)",
                busy: "in use by another program"))
        do throws(DeviceError) {
            try configure(opened, speed: speed)
        } catch {
            Glibc.close(opened)
            throw error
        }
        fd = opened
    }

    private func configure(_ descriptor: Int32, speed: speed_t) throws(DeviceError) {
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else {
            throw DeviceError("cannot read the settings of \(path): \(Self.lastError) (is it a serial device?)")
        }
        cfmakeraw(&settings)
        settings.c_cflag &= ~(tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CSIZE) | tcflag_t(CRTSCTS))
        // CLOCAL: an adapter without modem lines (most) would otherwise block waiting for carrier.
        settings.c_cflag |= tcflag_t(CS8) | tcflag_t(CREAD) | tcflag_t(CLOCAL)
        settings.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        guard cfsetispeed(&settings, speed) == 0, cfsetospeed(&settings, speed) == 0,
            tcsetattr(descriptor, TCSANOW, &settings) == 0
        else {
            throw DeviceError("cannot set \(path) to \(baud) baud 8N1: \(Self.lastError)")
        }
    }

    /// Writes every byte or throws; `timeout` bounds a device that stops taking bytes.
    func write(_ bytes: [UInt8], timeout: Duration) throws(DeviceError) {
        guard fd >= 0 else { throw DeviceError("\(path) is not open") }
        try FileDescriptorIO.writeAll(fd, bytes, timeout: timeout, what: path) { fd, pointer, count in
            Glibc.write(fd, pointer, count)
        }
    }

    /// Whether the device has gone: the kernel hangs a tty up when its USB adapter is unplugged (or a pty's
    /// other end closes), which poll reports as POLLHUP or POLLERR. Whatever the board sent (some
    /// answer ACK) is read and dropped, so it can neither fill the input buffer nor keep poll ready.
    func hasHungUp() -> Bool {
        guard fd >= 0 else { return true }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let rc = poll(&entry, 1, 0)
            if rc < 0 && errno == EINTR { continue }
            guard rc > 0 else { return rc < 0 }
            if entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
            var scratch = [UInt8](repeating: 0, count: 256)
            let count = scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { return true }
            if count < 0 { return false }
        }
    }

    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}
