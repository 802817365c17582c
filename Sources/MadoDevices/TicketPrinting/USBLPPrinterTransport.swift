// SPDX-License-Identifier: Apache-2.0
// The kernel usblp character device (/dev/usb/lpN): reads and writes through poll, LPGETSTATUS when offered.
import Glibc

final class USBLPPrinterTransport: TicketPrinterTransport {
    /// LPGETSTATUS from <linux/lp.h>: the USB printer class GET_PORT_STATUS byte. Not in Swift's Glibc module.
    static let lpGetStatus: UInt = 0x060B

    let path: String
    private var fd: Int32 = -1
    /// Learned at the first try: a pty (and some USB-serial adapters) answer ENOTTY.
    private var supportsPortStatus = true

    init(path: String) { self.path = path }

    deinit { close() }

    var isOpen: Bool { fd >= 0 }

    func open(timeout: Duration) throws(DeviceError) {
        guard fd < 0 else { return }
        let opened = try FileDescriptorIO.openDevice(
            path,
            advice: .init(
                missing: "no such device (unplugged, or the usblp driver is not loaded)",
                permission:
                    "permission denied (the udev rule 60-mado.rules gives /dev/usb/lp* to the group mado; is it installed?)",
                busy: "in use by another program (is CUPS printing to it?)"))
        fd = opened
        supportsPortStatus = true
    }

    func write(_ bytes: [UInt8], timeout: Duration) throws(DeviceError) {
        guard fd >= 0 else { throw DeviceError("\(path) is not open") }
        try FileDescriptorIO.writeAll(fd, bytes, timeout: timeout, what: path) { fd, pointer, count in
            Glibc.write(fd, pointer, count)
        }
    }

    func read(timeout: Duration) throws(DeviceError) -> [UInt8] {
        guard fd >= 0 else { throw DeviceError("\(path) is not open") }
        return try FileDescriptorIO.read(fd, timeout: timeout, what: path) { fd, pointer, count in
            Glibc.read(fd, pointer, count)
        }
    }

    func portStatus() -> PortStatus? {
        guard fd >= 0, supportsPortStatus else { return nil }
        var status: Int32 = 0
        guard ioctl(fd, Self.lpGetStatus, &status) == 0 else {
            // ENOTTY/EINVAL: not a usblp node (a pty in tests). Other errors show up on the next read.
            supportsPortStatus = false
            return nil
        }
        return PortStatus(byte: UInt8(truncatingIfNeeded: status))
    }

    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }
}
