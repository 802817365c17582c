// SPDX-License-Identifier: Apache-2.0
// A call reaches a serial LED board through the real madod: framing, CP932 text, the board's services only.
import Foundation
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct SerialDisplayTests {
    /// In CI the test always runs, so a missing socat fails there instead of passing silently.
    static let peerIsAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let found = FileManager.default.isExecutableFile(atPath: SocatPair.executable)
        if !found { print("SerialDisplayTests: skipped, \(SocatPair.executable) is missing (apt install socat)") }
        return found
    }()

    @Test(.enabled(if: peerIsAvailable, "socat is missing (apt install socat)"))
    func aCallOfTheBoardsServiceIsWrittenInItsFraming() throws {
        let pair = try SocatPair()
        defer { pair.stop() }
        let display = try pair.openDisplaySide()
        let boards = """
              "displays": [
                { "id": "led-3", "kind": "serial", "services": ["certificates"],
                  "serial": { "device": "\(pair.boardPath)", "baud": 9600, "encoding": "cp932",
                              "prefix": "\\u0002", "template": "{number} {counterName}", "suffix": "\\u0003" } }
              ],
            """
        let daemon = try DaemonHarness(extraConfig: boards + QueueTestDaemon.extraConfig())
        defer { daemon.cleanUp() }
        try daemon.start()
        for service in ["moving", "certificates"] {
            let issued = try daemon.request("POST", "/v1/tickets", body: #"{"service":"\#(service)"}"#)
            #expect(issued.status == 201)
        }
        // Counter 2 serves both: the moving ticket (not the board's service) first, then B-001.
        for _ in 0..<2 { #expect(try daemon.request("POST", "/v1/counters/2/call").status == 200) }
        // STX, "B-001 2", 番窓口 in Shift_JIS, ETX; nothing of the moving ticket.
        let expected: [UInt8] = [0x02] + Array("B-001 2".utf8) + [0x94, 0xD4, 0x91, 0x8B, 0x8C, 0xFB, 0x03]
        let received = display.read(count: expected.count + 1, within: .seconds(3))
        #expect(received == expected, "\(received.map { String($0, radix: 16) })")
        let devices = try daemon.request("GET", "/v1/status").object?["devices"] as? [[String: Any]] ?? []
        let board = devices.first { $0["id"] as? String == "serial-display:led-3" }
        #expect(board?["state"] as? String == "ready")
    }
}
