// SPDX-License-Identifier: Apache-2.0
// CUPSClient against a real private cupsd and a virtual IPP Everywhere printer (scripts/peers/cups-peer):
// what arrives at the printer, paper-out and a stopped queue as staff would see them.
import Foundation
import MadoDevices
import MadoTestSupport
import MadoTestThreads
import Testing

/// Serialized: each test starts its own cupsd and printer; two at once would only slow both down.
@Suite(.serialized, .ownThread) struct CUPSClientTests {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let testPage = "/usr/share/cups/data/default-testpage.pdf"
    /// In CI the tests always run, so a missing cupsd or ippeveprinter fails there instead of passing silently.
    static let peerIsAvailable: Bool = {
        if isCI { return true }
        guard let reason = CUPSPeer.unavailableReason else { return true }
        print("CUPSClientTests: skipped, the private CUPS cannot run here: \(reason)")
        return false
    }()

    static func startPeer() throws -> (CUPSPeer, CUPSClient) {
        let peer = try CUPSPeer()
        return (peer, CUPSClient(server: try CUPSServerAddress(parsing: peer.server), label: "test"))
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    // MARK: - Pure

    @Test func severitySuffixesAreDroppedSoPaperOutReadsTheSameFromEveryBackend() {
        let reasons = CUPSPrinterStatus.normalizedReasons([
            "media-empty-warning", "media-needed-error", "media-empty-report", "none", "cups-waiting-for-job-completed",
        ])
        #expect(reasons == ["media-empty", "media-needed", "cups-waiting-for-job-completed"])
        let status = CUPSPrinterStatus(
            queue: "counter-a4", state: .processing, reasons: reasons, isAcceptingJobs: true, message: "")
        #expect(status.blockingReasons == ["media-empty", "media-needed"])
        #expect(!status.isReady)
        let stopped = CUPSPrinterStatus(queue: "q", state: .stopped, reasons: [], isAcceptingJobs: false, message: "")
        #expect(stopped.blockingReasons == ["paused", "not-accepting-jobs"])
    }

    @Test func serverAddressesAreReadAsCUPSServerSpellsThem() throws {
        #expect(
            try CUPSServerAddress(parsing: "/run/cups/cups.sock")
                == CUPSServerAddress(host: "/run/cups/cups.sock", port: 0))
        #expect(try CUPSServerAddress(parsing: "printserver") == CUPSServerAddress(host: "printserver", port: 631))
        #expect(try CUPSServerAddress(parsing: "127.0.0.1:8632") == CUPSServerAddress(host: "127.0.0.1", port: 8632))
        #expect(try CUPSServerAddress(parsing: "[::1]:8631") == CUPSServerAddress(host: "::1", port: 8631))
        #expect(throws: DeviceError.self) { try CUPSServerAddress(parsing: "printserver:http") }
        #expect(throws: DeviceError.self) { try CUPSServerAddress(parsing: " ") }
    }

    // MARK: - Against the private CUPS

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aPDFArrivesAtThePrinterOnceAsA4OneSided() async throws {
        let (peer, client) = try Self.startPeer()
        defer { peer.stop() }
        let jobID = try await client.submit(
            queue: peer.queue, jobName: "mado-test0001", document: Self.testPage, options: CUPSPrintOptions())
        #expect(jobID > 0)
        let completed = try await Self.eventually(20) {
            try await client.jobStatus(queue: peer.queue, jobID: jobID)?.state == .completed
        }
        #expect(completed, "\(peer.diagnostics())")
        let documents = peer.receivedDocuments(named: "mado-test0001")
        #expect(documents.count == 1)
        let attributes = try #require(documents.first.map(peer.attributes(ofDocument:)))
        // A4 is 210 × 297 mm: media-size in hundredths of a millimetre.
        #expect(attributes["IPP_MEDIA_COL"]?.contains("x-dimension=21000 y-dimension=29700") == true)
        #expect(attributes["IPP_SIDES"] == "one-sided")
        #expect(attributes["IPP_DOCUMENT_FORMAT_SUPPLIED"] == "application/pdf")
        // A restarted daemon finds the job by the name it gave it.
        let found = try await client.jobs(queue: peer.queue, named: "mado-test0001")
        #expect(found.map(\.jobID) == [jobID])
        #expect(try await client.jobs(queue: peer.queue, named: "mado-other").isEmpty)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func anEmptyTrayShowsAsMediaEmptyAndTheJobPrintsOnceAfterARefill() async throws {
        let (peer, client) = try Self.startPeer()
        defer { peer.stop() }
        try peer.emptyTray()
        let jobID = try await client.submit(
            queue: peer.queue, jobName: "mado-tray0001", document: Self.testPage, options: CUPSPrintOptions())
        let paperOut = try await Self.eventually(15) {
            try await client.printerStatus(queue: peer.queue).blockingReasons.contains("media-empty")
        }
        #expect(paperOut, "\(peer.diagnostics())")
        #expect(try await client.jobStatus(queue: peer.queue, jobID: jobID)?.state.isFinal == false)

        try peer.refillTray()
        let completed = try await Self.eventually(20) {
            try await client.jobStatus(queue: peer.queue, jobID: jobID)?.state == .completed
        }
        #expect(completed, "\(peer.diagnostics())")
        #expect(peer.receivedDocuments(named: "mado-tray0001").count == 1)
        #expect(try await client.printerStatus(queue: peer.queue).isReady)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aStoppedQueueHoldsTheJobUntilItIsResumed() async throws {
        let (peer, client) = try Self.startPeer()
        defer { peer.stop() }
        try peer.stopQueue()
        let stopped = try await client.printerStatus(queue: peer.queue)
        #expect(stopped.state == .stopped)
        #expect(stopped.blockingReasons.contains("paused"))
        let jobID = try await client.submit(
            queue: peer.queue, jobName: "mado-stop0001", document: Self.testPage, options: CUPSPrintOptions())
        try await Task.sleep(for: .seconds(1))
        #expect(try await client.jobStatus(queue: peer.queue, jobID: jobID)?.state == .pending)
        #expect(peer.receivedDocuments().isEmpty)

        try await client.resume(queue: peer.queue)
        let completed = try await Self.eventually(20) {
            try await client.jobStatus(queue: peer.queue, jobID: jobID)?.state == .completed
        }
        #expect(completed, "\(peer.diagnostics())")
        #expect(peer.receivedDocuments(named: "mado-stop0001").count == 1)
    }

    @Test(.enabled(if: peerIsAvailable, "cupsd/ippeveprinter cannot run here"))
    func aQueueCUPSDoesNotHaveIsReportedGoneAndASubmissionNamesIt() async throws {
        let (peer, client) = try Self.startPeer()
        defer { peer.stop() }
        let status = try await client.printerStatus(queue: "no-such-queue")
        #expect(status.blockingReasons.contains("printer-gone"))
        let error = await #expect(throws: DeviceError.self) {
            _ = try await client.submit(
                queue: "no-such-queue", jobName: "mado-x", document: Self.testPage, options: CUPSPrintOptions())
        }
        #expect(error?.message.contains("no printer \"no-such-queue\"") == true)
    }
}
