// SPDX-License-Identifier: Apache-2.0
// The process's one libusb context and the one thread that runs its event loop and hot-plug callbacks.
internal import CLibUSB
import Foundation

/// A device appearing or leaving, as libusb's hot-plug callback reports it. `device` is the libusb_device
/// pointer's bits, only for comparing with a device the caller has open.
enum USBHotplugEvent: Sendable {
    case arrived
    case left(device: UInt)
}

/// libusb wants one context per process and someone to drive its events: hot-plug notifications are only
/// delivered from `libusb_handle_events*`. A dedicated thread does that, so neither the cooperative pool
/// nor a printer's queue ever blocks in libusb's event loop. Synchronous transfers on the printer queues
/// share the loop through libusb's own event lock.
final class LibUSBContext: Sendable {
    /// Created on first use: a daemon with only TCP printers never touches libusb.
    static let shared: Result<LibUSBContext, DeviceError> = Result { () throws(DeviceError) in try LibUSBContext() }

    /// libusb_context*, never freed: the context lives as long as the process. nonisolated(unsafe) because
    /// OpaquePointer is not Sendable; libusb contexts are safe to use from any thread.
    nonisolated(unsafe) let context: OpaquePointer
    let supportsHotplug: Bool

    private init() throws(DeviceError) {
        var created: OpaquePointer?
        let rc = libusb_init(&created)
        guard rc == 0, let created else {
            throw DeviceError("cannot start libusb: \(LibUSBContext.describe(rc))")
        }
        context = created
        supportsHotplug = libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0
        let contextBits = UInt(bitPattern: UnsafeRawPointer(created))
        let events = Thread {
            let context = OpaquePointer(bitPattern: contextBits)
            while true {
                var interval = timeval(tv_sec: 1, tv_usec: 0)
                libusb_handle_events_timeout_completed(context, &interval, nil)
            }
        }
        events.name = "mado-libusb-events"
        events.start()
    }

    /// Calls `handler` on the event thread whenever a device with these IDs arrives or leaves. Returns a
    /// token for `unwatch`, or nil when this libusb cannot report hot-plug (then failures are noticed on
    /// the next transfer instead).
    func watch(
        vendorID: UInt16, productID: UInt16, handler: @escaping @Sendable (USBHotplugEvent) -> Void
    ) -> Int32? {
        guard supportsHotplug else { return nil }
        let watcher = Unmanaged.passRetained(HotplugWatcher(handler))
        var handle: libusb_hotplug_callback_handle = 0
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let rc = libusb_hotplug_register_callback(
            context, events, 0, Int32(vendorID), Int32(productID), LIBUSB_HOTPLUG_MATCH_ANY,
            { _, device, event, userData in
                guard let userData else { return 0 }
                let watcher = Unmanaged<HotplugWatcher>.fromOpaque(userData).takeUnretainedValue()
                if event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED {
                    watcher.handler(.arrived)
                } else {
                    watcher.handler(.left(device: UInt(bitPattern: device.map { UnsafeRawPointer($0) })))
                }
                return 0  // keep the callback registered
            }, watcher.toOpaque(), &handle)
        guard rc == 0 else {
            watcher.release()
            return nil
        }
        return handle
    }

    func unwatch(_ handle: Int32) {
        libusb_hotplug_deregister_callback(context, handle)
        // The watcher is deliberately not released: a callback already running on the event thread may
        // still be using it, and libusb gives no signal when it is done. It is a few bytes per printer that
        // goes away (a config reload), holding only a weak reference to its printer.
    }

    /// libusb's error text for a return code, in words (not LIBUSB_ERROR_*).
    static func describe(_ code: Int32) -> String {
        switch code {
        case LIBUSB_ERROR_NO_DEVICE.rawValue: return "unplugged"
        case LIBUSB_ERROR_ACCESS.rawValue:
            return "permission denied (give madod access to the device with a udev rule)"
        case LIBUSB_ERROR_BUSY.rawValue: return "in use by another program (is CUPS printing to it?)"
        case LIBUSB_ERROR_NOT_FOUND.rawValue: return "not found"
        case LIBUSB_ERROR_TIMEOUT.rawValue: return "timed out"
        case LIBUSB_ERROR_PIPE.rawValue: return "endpoint stalled"
        default: return String(cString: libusb_strerror(code))
        }
    }
}

/// The Swift closure behind one hot-plug registration; libusb holds it as user data.
private final class HotplugWatcher: Sendable {
    let handler: @Sendable (USBHotplugEvent) -> Void
    init(_ handler: @escaping @Sendable (USBHotplugEvent) -> Void) { self.handler = handler }
}
