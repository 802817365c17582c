// SPDX-License-Identifier: Apache-2.0
// Config URIs for ticket printers: what parses, how it prints back, and what a bad one says.
import MadoDevices
import MadoTestThreads
import Testing

@Suite(.ownThread) struct TicketPrinterAddressTests {
    @Test(arguments: [
        ("tcp://10.0.0.5", TicketPrinterAddress.tcp(host: "10.0.0.5", port: 9100), "tcp://10.0.0.5:9100"),
        ("tcp://printer.local:9101/", .tcp(host: "printer.local", port: 9101), "tcp://printer.local:9101"),
        ("TCP://[fe80::1]:9100", .tcp(host: "fe80::1", port: 9100), "tcp://[fe80::1]:9100"),
        ("usblp:///dev/usb/lp0", .usblp(path: "/dev/usb/lp0"), "usblp:///dev/usb/lp0"),
        ("usb://04b8:0e15", .usb(vendorID: 0x04B8, productID: 0x0E15, serial: nil), "usb://04b8:0e15"),
        (
            "usb://04B8:0E15?serial=X%20Y", .usb(vendorID: 0x04B8, productID: 0x0E15, serial: "X Y"),
            "usb://04b8:0e15?serial=X Y"
        ),
    ])
    func parsesTheThreeForms(uri: String, expected: TicketPrinterAddress, canonical: String) throws {
        let address = try TicketPrinterAddress(parsing: uri)
        #expect(address == expected)
        #expect(address.description == canonical)
    }

    @Test(arguments: [
        ("10.0.0.5:9100", "expected tcp://HOST[:PORT], usblp:///dev/usb/lpN or usb://VID:PID[?serial=S]"),
        ("ipp://printer", "unknown scheme \"ipp\"; use tcp, usblp or usb"),
        ("tcp://", "expected a host after tcp://"),
        ("tcp://host:0", "port \"0\" is not a number from 1 to 65535"),
        ("tcp://host:70000", "port \"70000\" is not a number from 1 to 65535"),
        ("tcp://host/path", "expected only HOST[:PORT] after tcp://"),
        ("usblp://dev/usb/lp0", "expected an absolute device path after usblp://, e.g. usblp:///dev/usb/lp0"),
        ("usb://04b8", "expected usb://VID:PID[?serial=S] with 4-digit hexadecimal IDs, e.g. usb://04b8:0e15"),
        ("usb://4b8:e15", "expected usb://VID:PID[?serial=S] with 4-digit hexadecimal IDs, e.g. usb://04b8:0e15"),
        ("usb://04b8:0e15?port=1", "unknown query \"port=1\"; only serial=S is accepted"),
    ])
    func explainsWhatIsWrong(uri: String, why: String) {
        #expect(throws: DeviceError("cannot read ticket printer address \"\(uri)\": \(why)")) {
            try TicketPrinterAddress(parsing: uri)
        }
    }
}
