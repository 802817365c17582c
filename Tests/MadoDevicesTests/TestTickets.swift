// SPDX-License-Identifier: Apache-2.0
// Real ticket bytes for the transport tests, made with the ESC/POS encoder the daemon uses.
import MadoCore

@testable import MadoDevices

enum TestTickets {
    /// A small ticket with Kanji text, a QR code, a process ID and a cut.
    static func ticket(number: Int, processID: ESCPOSProcessID? = nil) -> [UInt8] {
        var commands: [ESCPOSCommand] = [
            .initialize, .kanjiCodeSystem(.shiftJIS), .justify(.center), .kanjiMode(true), .text("市民課"),
            .lineFeed, .characterSize(width: 4, height: 4), .text("A-\(number)"), .lineFeed,
            .characterSize(width: 1, height: 1), .text("お待ちの人数 \(number)人"), .lineFeed, .kanjiMode(false),
            .qrCode(ESCPOSQRCode(text: "http://mado.example/t/\(number)")),
        ]
        if let processID { commands.append(.processID(processID)) }
        commands.append(.cut(.partial, feed: 3))
        return try! ESCPOSEncoder().encode(commands)
    }

    /// What the driver sends before every ticket: DLE EOT 1, 2, 3 and 4.
    static let statusRequests: [UInt8] = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]

    /// The capture without the status requests, i.e. only what would come out of the printer.
    static func withoutStatusRequests(_ capture: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < capture.count {
            if index + 2 < capture.count, capture[index] == 0x10, capture[index + 1] == 0x04,
                (1...4).contains(capture[index + 2])
            {
                index += 3
                continue
            }
            result.append(capture[index])
            index += 1
        }
        return result
    }

    /// Short timeouts: the simulator answers in milliseconds, and waiting tests are slow tests.
    static let settings = TicketPrinterSettings(
        connectTimeout: .seconds(2), statusTimeout: .milliseconds(800), writeTimeout: .seconds(5),
        completionTimeout: .seconds(3))
}
