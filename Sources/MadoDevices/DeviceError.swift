// SPDX-License-Identifier: Apache-2.0
// The one error type of MadoDevices: what was being done to which device, and why, in a technician's words.

/// A device problem a technician can act on, e.g.
/// `cannot read ticket printer address "usb://04b8": expected usb://VID:PID[?serial=S]`.
///
/// Messages name the device (an address, a path, a vendor and product ID), never ticket or form content.
public struct DeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
