// SPDX-License-Identifier: Apache-2.0
// DLE EOT answers as the kiosk sees them: print, warn staff, or refuse the ticket.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSStatusTests {
    typealias Request = ESCPOSCommand.StatusRequest

    /// (request, answer byte, can print, faults, warnings), from the bit tables in shared/reference §3.3.
    static let table: [(Request, UInt8, Bool, [String], [String])] = [
        (.printer, 0x12, true, [], []),
        (.printer, 0x1A, false, ["offline"], []),
        (.printer, 0x16, true, [], []),  // drawer pin 3 high: nothing to do with tickets
        (.offlineCause, 0x12, true, [], []),
        (.offlineCause, 0x16, false, ["cover-open"], []),
        (.offlineCause, 0x1A, true, [], []),  // FEED held: not a fault on its own
        (.offlineCause, 0x32, false, ["paper-end"], []),
        (.offlineCause, 0x52, false, ["error"], []),
        (.offlineCause, 0x36, false, ["paper-end", "cover-open"], []),
        (.errorCause, 0x12, true, [], []),
        (.errorCause, 0x1A, false, ["cutter-error"], []),
        (.errorCause, 0x32, false, ["unrecoverable-error"], []),
        (.errorCause, 0x52, false, ["recoverable-error"], []),
        (.rollPaper, 0x12, true, [], []),
        (.rollPaper, 0x1E, true, [], ["paper-near-end"]),
        (.rollPaper, 0x72, false, ["paper-end"], []),
        (.rollPaper, 0x7E, false, ["paper-end"], ["paper-near-end"]),
    ]

    @Test(arguments: table)
    func answerBytesBecomeTheKiosksDecision(
        request: Request, byte: UInt8, canPrint: Bool, faults: [String], warnings: [String]
    ) {
        let status = TicketPrinterStatus(answers: [(request, byte)])
        #expect(status.canPrint == canPrint)
        #expect(status.faults == faults)
        #expect(status.warnings == warnings)
    }

    @Test func bytesWithoutTheFixedBitsAreIgnored() {
        var status = TicketPrinterStatus()
        // 0x37 starts a process-ID reply; 0xFF and 0x00 are line noise.
        for byte: UInt8 in [0x37, 0xFF, 0x00, 0x08, 0x92] {
            let accepted = status.apply(byte, answering: .printer)
            #expect(!accepted)
        }
        #expect(status == TicketPrinterStatus())
        #expect(status.description == "ready")
    }

    @Test func aLaterPollClearsAnEarlierFault() {
        var status = TicketPrinterStatus(answers: [(.offlineCause, 0x32), (.rollPaper, 0x72)])
        #expect(!status.canPrint)
        status.apply(0x12, answering: .offlineCause)
        status.apply(0x12, answering: .rollPaper)
        #expect(status.canPrint)
    }

    @Test func theUsualPrePrintPollReadsNearEndAsAWarningOnly() {
        let status = TicketPrinterStatus(answers: [
            (.printer, 0x12), (.offlineCause, 0x12), (.errorCause, 0x12), (.rollPaper, 0x1E),
        ])
        #expect(status.canPrint)
        #expect(status.description == "paper-near-end")
    }

    @Test func processIDRepliesAreFoundAmongOtherBytes() {
        let id = ESCPOSProcessID(sequence: 23)
        #expect(id.description == "0023")
        #expect(ESCPOSProcessID.firstResponse(in: [0x12, 0x37, 0x22, 0x30, 0x30, 0x32, 0x33, 0x00, 0x12]) == id)
        #expect(ESCPOSProcessID.firstResponse(in: [0x37, 0x22, 0x30, 0x30, 0x32, 0x33]) == nil)
        #expect(ESCPOSProcessID(bytes: [0x30, 0x30, 0x1F, 0x30]) == nil)
        #expect(ESCPOSProcessID(sequence: 123_456).description == "3456")
    }
}
