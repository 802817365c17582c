// SPDX-License-Identifier: Apache-2.0
// Taking the printer's replies apart: status answers between process-ID replies, in any chunking.
import MadoCore
import MadoTestThreads
import Testing

@testable import MadoDevices

@Suite(.ownThread) struct PrinterReplyScannerTests {
    @Test func processIDDigitsAreNotTakenForStatusAnswers() {
        // "0026" contains 0x32 and 0x36, which have the status bytes' fixed bits.
        var scanner = PrinterReplyScanner()
        scanner.append([0x37, 0x22, 0x30, 0x30, 0x32, 0x36, 0x00, 0x1E])
        let first = scanner.nextStatusByte()
        let second = scanner.nextStatusByte()
        #expect(first == 0x1E)
        #expect(second == nil)
        #expect(scanner.processIDs == [ESCPOSProcessID(sequence: 26)])
    }

    @Test func aReplySplitAcrossReadsIsReassembled() {
        var scanner = PrinterReplyScanner()
        let id = ESCPOSProcessID(sequence: 23)
        scanner.append([0x37, 0x22, 0x30])
        let statusFromHalfAReply = scanner.nextStatusByte()
        let confirmedEarly = scanner.takeProcessID(id)
        scanner.append([0x30, 0x32, 0x33, 0x00])
        let confirmed = scanner.takeProcessID(id)
        #expect(statusFromHalfAReply == nil)
        #expect(!confirmedEarly)
        #expect(confirmed)
    }

    @Test func strayBytesAreSkippedAndOlderIDsDoNotConfirmANewOne() {
        var scanner = PrinterReplyScanner()
        scanner.append([0xFF, 0x00, 0x37, 0x41] + ESCPOSProcessID(sequence: 1).response + [0x12])
        let status = scanner.nextStatusByte()
        let newerConfirmed = scanner.takeProcessID(ESCPOSProcessID(sequence: 2))
        let olderConfirmed = scanner.takeProcessID(ESCPOSProcessID(sequence: 1))
        #expect(status == 0x12)
        #expect(!newerConfirmed)
        #expect(olderConfirmed)
    }
}
