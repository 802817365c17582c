// SPDX-License-Identifier: Apache-2.0
// A USB ticket printer through libusb: the printer-class interface, its bulk endpoints, hot-plug.
internal import CLibUSB
import Synchronization

/// Finds the printer by vendor and product ID (and serial), detaches usblp if it holds the interface,
/// claims it, and moves bytes over the bulk endpoints named in its descriptors (never assumed: the
/// popular 0x01/0x82 guess is wrong for many printers).
final class LibUSBPrinterTransport: TicketPrinterTransport {
    let vendorID: UInt16
    let productID: UInt16
    let serial: String?

    private var handle: OpaquePointer?
    private var interfaceNumber: Int32 = 0
    private var outEndpoint: UInt8 = 0
    private var inEndpoint: UInt8 = 0
    private var readSize = 512
    /// The open libusb_device's bits, read by the hot-plug thread to tell whether "left" means us.
    private let openDevice = OpenDeviceSlot()
    private var watchToken: Int32?

    init(vendorID: UInt16, productID: UInt16, serial: String?) {
        self.vendorID = vendorID
        self.productID = productID
        self.serial = serial
    }

    deinit {
        close()
        if let watchToken, case .success(let usb) = LibUSBContext.shared { usb.unwatch(watchToken) }
    }

    var isOpen: Bool { handle != nil }

    func observePresence(_ handler: @escaping @Sendable (Bool) -> Void) {
        guard watchToken == nil, case .success(let usb) = LibUSBContext.shared else { return }
        watchToken = usb.watch(vendorID: vendorID, productID: productID) { [openDevice] event in
            switch event {
            case .arrived:
                handler(true)
            case .left(let device):
                // Another printer of the same model leaving is none of our business.
                if openDevice.value.withLock({ $0 == nil || $0 == device }) { handler(false) }
            }
        }
    }

    func open(timeout: Duration) throws(DeviceError) {
        guard handle == nil else { return }
        let context = try LibUSBContext.shared.get().context
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else {
            throw DeviceError("cannot list USB devices: \(LibUSBContext.describe(Int32(count)))")
        }
        defer { libusb_free_device_list(list, 1) }
        var problem = "not found (unplugged or switched off)"
        for index in 0..<count {
            guard let device = list[index] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0, descriptor.idVendor == vendorID,
                descriptor.idProduct == productID
            else { continue }
            guard let interface = PrinterInterface(device: device) else {
                problem = "has no printer interface with bulk OUT and IN endpoints"
                continue
            }
            var opened: OpaquePointer?
            let rc = libusb_open(device, &opened)
            guard rc == 0, let opened else {
                problem = LibUSBContext.describe(rc)
                continue
            }
            if let serial {
                let found = readString(opened, index: descriptor.iSerialNumber)
                guard found == serial else {
                    problem = "no printer with serial \(serial) (found \(found ?? "none"))"
                    libusb_close(opened)
                    continue
                }
            }
            do throws(DeviceError) {
                try claim(opened, interface)
            } catch {
                libusb_close(opened)
                throw error
            }
            handle = opened
            interfaceNumber = interface.number
            outEndpoint = interface.outEndpoint
            inEndpoint = interface.inEndpoint
            // A read shorter than the packet size can overflow; a multiple of it cannot.
            let packet = max(1, interface.inPacketSize)
            readSize = (512 + packet - 1) / packet * packet
            openDevice.value.withLock { $0 = UInt(bitPattern: UnsafeRawPointer(device)) }
            return
        }
        throw DeviceError(problem)
    }

    private func claim(_ opened: OpaquePointer, _ interface: PrinterInterface) throws(DeviceError) {
        // usblp binds to every printer-class interface; libusb cannot claim it while usblp holds it.
        if libusb_kernel_driver_active(opened, interface.number) == 1 {
            let rc = libusb_detach_kernel_driver(opened, interface.number)
            guard rc == 0 || rc == LIBUSB_ERROR_NOT_FOUND.rawValue else {
                throw DeviceError("cannot detach the usblp driver: \(LibUSBContext.describe(rc))")
            }
        }
        var rc = libusb_claim_interface(opened, interface.number)
        guard rc == 0 else { throw DeviceError("cannot claim the printer interface: \(LibUSBContext.describe(rc))") }
        if interface.alternateSetting != 0 {
            rc = libusb_set_interface_alt_setting(opened, interface.number, interface.alternateSetting)
            guard rc == 0 else {
                libusb_release_interface(opened, interface.number)
                throw DeviceError("cannot select the printer interface: \(LibUSBContext.describe(rc))")
            }
        }
    }

    private func readString(_ opened: OpaquePointer, index: UInt8) -> String? {
        guard index != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = libusb_get_string_descriptor_ascii(opened, index, &buffer, Int32(buffer.count))
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<Int(count)], as: UTF8.self)
    }

    func write(_ bytes: [UInt8], timeout: Duration) throws(DeviceError) {
        guard let handle else { throw DeviceError("not open") }
        var offset = 0
        var copy = bytes
        while offset < copy.count {
            let chunk = min(16384, copy.count - offset)
            var transferred: Int32 = 0
            let rc = copy.withUnsafeMutableBufferPointer { buffer in
                libusb_bulk_transfer(
                    handle, outEndpoint, buffer.baseAddress! + offset, Int32(chunk), &transferred,
                    UInt32(timeout.pollMilliseconds))
            }
            offset += Int(transferred)
            if rc == LIBUSB_ERROR_TIMEOUT.rawValue {
                throw DeviceError(
                    "accepted \(offset) of \(bytes.count) bytes and then nothing for \(timeout.spoken) "
                        + "(offline or out of paper?)")
            }
            guard rc == 0 else { throw DeviceError("cannot write: \(LibUSBContext.describe(rc))") }
        }
    }

    func read(timeout: Duration) throws(DeviceError) -> [UInt8] {
        guard let handle else { throw DeviceError("not open") }
        var buffer = [UInt8](repeating: 0, count: readSize)
        var transferred: Int32 = 0
        let rc = libusb_bulk_transfer(
            handle, inEndpoint, &buffer, Int32(buffer.count), &transferred, UInt32(timeout.pollMilliseconds))
        guard rc == 0 || rc == LIBUSB_ERROR_TIMEOUT.rawValue || rc == LIBUSB_ERROR_OVERFLOW.rawValue else {
            throw DeviceError("cannot read: \(LibUSBContext.describe(rc))")
        }
        return Array(buffer[..<Int(transferred)])
    }

    func close() {
        guard let handle else { return }
        libusb_release_interface(handle, interfaceNumber)
        libusb_close(handle)
        self.handle = nil
        openDevice.value.withLock { $0 = nil }
    }
}

/// Shared with the hot-plug thread, which only reads it.
private final class OpenDeviceSlot: Sendable {
    let value = Mutex<UInt?>(nil)
}

/// The printer-class (7) interface of a device and its bulk endpoints, from the configuration descriptor.
private struct PrinterInterface {
    let number: Int32
    let alternateSetting: Int32
    let outEndpoint: UInt8
    let inEndpoint: UInt8
    let inPacketSize: Int

    init?(device: OpaquePointer) {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if libusb_get_active_config_descriptor(device, &config) != 0 || config == nil {
            guard libusb_get_config_descriptor(device, 0, &config) == 0 else { return nil }
        }
        guard let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        for interfaceIndex in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[interfaceIndex]
            for settingIndex in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[settingIndex]
                guard setting.bInterfaceClass == UInt8(LIBUSB_CLASS_PRINTER.rawValue) else { continue }
                var output: UInt8?
                var input: (address: UInt8, packet: Int)?
                for endpointIndex in 0..<Int(setting.bNumEndpoints) {
                    let endpoint = setting.endpoint[endpointIndex]
                    guard endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
                    if endpoint.bEndpointAddress & 0x80 != 0 {
                        input = input ?? (endpoint.bEndpointAddress, Int(endpoint.wMaxPacketSize & 0x7FF))
                    } else {
                        output = output ?? endpoint.bEndpointAddress
                    }
                }
                guard let output, let input else { continue }
                number = Int32(setting.bInterfaceNumber)
                alternateSetting = Int32(setting.bAlternateSetting)
                outEndpoint = output
                inEndpoint = input.address
                inPacketSize = input.packet
                return
            }
        }
        return nil
    }
}
