// SPDX-License-Identifier: Apache-2.0
// The byte pipe to a ticket printer, whatever carries it: TCP, the usblp device, or libusb.

/// A connection to one printer. Every method blocks and is called only from the owning `TicketPrinter`'s
/// serial queue, so implementations need no locks of their own.
protocol TicketPrinterTransport: AnyObject {
    var isOpen: Bool { get }
    /// Opens the connection if it is not open.
    func open(timeout: Duration) throws(DeviceError)
    /// Writes every byte or fails; a stall longer than `timeout` is a failure.
    func write(_ bytes: [UInt8], timeout: Duration) throws(DeviceError)
    /// The bytes that arrived within `timeout` ([] when none did). Fails when the connection is gone.
    func read(timeout: Duration) throws(DeviceError) -> [UInt8]
    /// Out-of-band status the transport can see without the printer's help (usblp's LPGETSTATUS); nil when
    /// the transport has none, so only the DLE EOT answers count.
    func portStatus() -> PortStatus?
    func close()
    /// Called (on any thread) when the device appears or disappears, for transports that can tell.
    func observePresence(_ handler: @escaping @Sendable (_ present: Bool) -> Void)
}

extension TicketPrinterTransport {
    func portStatus() -> PortStatus? { nil }
    func observePresence(_ handler: @escaping @Sendable (_ present: Bool) -> Void) {}
}

/// The IEEE 1284 port-status byte of the USB printer class (GET_PORT_STATUS, usblp's LPGETSTATUS).
struct PortStatus: Equatable {
    let byte: UInt8
    var isPaperEmpty: Bool { byte & 0x20 != 0 }
}

/// The transport for an address.
func makeTransport(for address: TicketPrinterAddress) -> any TicketPrinterTransport {
    switch address {
    case .tcp(let host, let port): return TCPPrinterTransport(host: host, port: port)
    case .usblp(let path): return USBLPPrinterTransport(path: path)
    case .usb(let vendor, let product, let serial):
        return LibUSBPrinterTransport(vendorID: vendor, productID: product, serial: serial)
    }
}
