// SPDX-License-Identifier: Apache-2.0
// The thin adapter over libcups's destination API: submit a PDF, follow a job, read and resume a queue.
import CCUPS
public import Dispatch
import Foundation
import Glibc

/// One connection to a CUPS scheduler, used only on the client's own serial queue.
///
/// Written against the destination API only (`cupsGetNamedDest`, `cupsCopyDestInfo`, `cupsCreateDestJob`,
/// `cupsStartDestDocument`, `cupsWriteRequestData`, `cupsFinishDestDocument`) plus plain IPP requests for
/// job and printer state, so that it builds against libcups 2.4 and 3.x alike (v3 removed the rest).
///
/// Every call blocks (sockets, and a PDF's upload). The `…Now` methods run on the caller's thread: call
/// them from your own serial queue or thread, never from Swift's cooperative pool. The async methods hop
/// onto the client's own queue. After any failure the connection is closed; the next call reconnects,
/// which is how the client follows a cupsd restart.
public final class CUPSClient: @unchecked Sendable {
    // @unchecked: `http` is only read and replaced inside `lock`; every libcups call that uses it runs
    // under that lock, so no two threads ever share the connection (libcups's http_t is not thread-safe).
    public let server: CUPSServerAddress?
    public let queue: DispatchQueue
    private let lock = NSLock()
    private var http: OpaquePointer?

    /// `server` nil means libcups's default (CUPS_SERVER, client.conf, the local scheduler).
    public init(server: CUPSServerAddress? = nil, label: String = "cups") {
        self.server = server
        self.queue = DispatchQueue(label: "mado.cups.\(label)")
    }

    deinit {
        if let http { httpClose(http) }
    }

    /// The server this client talks to, as a technician would type it.
    public var serverDescription: String {
        if let server { return server.description }
        let host = String(cString: cupsServer())
        return host.hasPrefix("/") ? host : "\(host):\(ippPort())"
    }

    // MARK: - Async wrappers (on the client's queue)

    public func submit(
        queue name: String, jobName: String, document: String, options: CUPSPrintOptions
    ) async throws(DeviceError) -> Int {
        try await onQueue { client throws(DeviceError) in
            try client.submitNow(queue: name, jobName: jobName, document: document, options: options)
        }
    }

    public func printerStatus(queue name: String) async throws(DeviceError) -> CUPSPrinterStatus {
        try await onQueue { client throws(DeviceError) in try client.printerStatusNow(queue: name) }
    }

    public func jobStatus(queue name: String, jobID: Int) async throws(DeviceError) -> CUPSJobStatus? {
        try await onQueue { client throws(DeviceError) in try client.jobStatusNow(queue: name, jobID: jobID) }
    }

    public func jobs(queue name: String, named jobName: String) async throws(DeviceError) -> [CUPSJobStatus] {
        try await onQueue { client throws(DeviceError) in try client.jobsNow(queue: name, named: jobName) }
    }

    public func resume(queue name: String) async throws(DeviceError) {
        try await onQueue { client throws(DeviceError) in try client.resumeNow(queue: name) }
    }

    public func cancel(queue name: String, jobID: Int) async throws(DeviceError) {
        try await onQueue { client throws(DeviceError) in try client.cancelNow(queue: name, jobID: jobID) }
    }

    private func onQueue<T: Sendable>(
        _ body: @escaping @Sendable (CUPSClient) throws(DeviceError) -> T
    ) async throws(DeviceError) -> T {
        let result: Result<T, DeviceError> = await withCheckedContinuation { continuation in
            queue.async { @Sendable in
                continuation.resume(returning: Result { () throws(DeviceError) -> T in try body(self) })
            }
        }
        return try result.get()
    }

    // MARK: - Blocking calls

    /// Submits the PDF at `document` to queue `name` as job `jobName` and returns CUPS's job ID once the
    /// whole document has been accepted. Blocks.
    public func submitNow(
        queue name: String, jobName: String, document: String, options: CUPSPrintOptions
    ) throws(DeviceError) -> Int {
        let file = fopen(document, "rb")
        guard let file else {
            throw DeviceError(
                "cannot print job \(jobName) on CUPS printer \"\(name)\": cannot open its spooled document "
                    + "\(document): \(String(cString: strerror(errno))); check the state directory's spool")
        }
        defer { fclose(file) }
        return try withConnection { http throws(DeviceError) in
            guard let dest = cupsGetNamedDest(http, name, nil) else {
                throw DeviceError(
                    "cannot print job \(jobName): CUPS at \(serverDescription) has no printer \"\(name)\" "
                        + "(\(lastError())); add the queue (lpadmin -p \(name) -E -v ipp://… -m everywhere) or fix "
                        + "the printer name in the configuration")
            }
            defer { cupsFreeDests(1, dest) }
            guard let info = cupsCopyDestInfo(http, dest) else {
                throw DeviceError(
                    "cannot print job \(jobName) on CUPS printer \"\(name)\": CUPS cannot describe the printer "
                        + "(\(lastError())); check that it is switched on and reachable (lpstat -l -p \(name))")
            }
            defer { cupsFreeDestInfo(info) }

            var count: Int32 = 0
            var cOptions: UnsafeMutablePointer<cups_option_t>?
            for pair in options.pairs { count = cupsAddOption(pair.name, pair.value, count, &cOptions) }
            defer { cupsFreeOptions(count, cOptions) }

            var jobID: Int32 = 0
            let created = cupsCreateDestJob(http, dest, info, &jobID, jobName, count, cOptions)
            guard Self.isSuccess(created), jobID > 0 else {
                throw DeviceError(
                    "cannot print job \(jobName) on CUPS printer \"\(name)\": CUPS refused to create the job "
                        + "(\(lastError())); check that the queue accepts jobs (cupsaccept \(name)) and supports "
                        + "\(options.media), \(options.sides.rawValue)")
            }
            do throws(DeviceError) {
                try sendDocument(http, dest, info, jobID, file, queue: name, jobName: jobName, document: document)
            } catch {
                // Cancel the job left without a whole document, so that a later look-up by name does not
                // take it for a form on its way. Best effort: the connection may be gone.
                _ = cupsCancelDestJob(http, dest, jobID)
                throw error
            }
            return Int(jobID)
        }
    }

    /// Start-Document, the PDF's bytes, Finish-Document, for a job just created.
    private func sendDocument(
        _ http: OpaquePointer, _ dest: UnsafeMutablePointer<cups_dest_t>, _ info: OpaquePointer, _ jobID: Int32,
        _ file: UnsafeMutablePointer<FILE>, queue name: String, jobName: String, document: String
    ) throws(DeviceError) {
        let started = cupsStartDestDocument(
            http, dest, info, jobID, jobName, CUPS_FORMAT_PDF, 0, nil, 1)
        guard started == HTTP_STATUS_CONTINUE else {
            throw DeviceError(
                "cannot print job \(jobName) on CUPS printer \"\(name)\": CUPS job \(jobID) did not take "
                    + "the document (\(lastError())); check that the printer takes PDF (lpoptions -p \(name) -l)")
        }
        var buffer = [CChar](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            let written = buffer.withUnsafeBufferPointer { cupsWriteRequestData(http, $0.baseAddress, n) }
            guard written == HTTP_STATUS_CONTINUE else {
                throw DeviceError(
                    "cannot print job \(jobName) on CUPS printer \"\(name)\": sending the document to CUPS "
                        + "job \(jobID) failed (\(lastError())); check that cupsd is running")
            }
        }
        if ferror(file) != 0 {
            throw DeviceError(
                "cannot print job \(jobName) on CUPS printer \"\(name)\": reading \(document) failed; "
                    + "check the disk holding the state directory")
        }
        let finished = cupsFinishDestDocument(http, dest, info)
        guard Self.isSuccess(finished) else {
            throw DeviceError(
                "cannot print job \(jobName) on CUPS printer \"\(name)\": CUPS did not accept the document "
                    + "of job \(jobID) (\(lastError())); check that the printer takes PDF (lpoptions -p \(name) -l)"
            )
        }
    }

    /// The queue's state, reasons and whether it accepts jobs. A queue CUPS does not know is reported
    /// as stopped with the reason `printer-gone` (not thrown): a form waits for it like for paper. Blocks.
    public func printerStatusNow(queue name: String) throws(DeviceError) -> CUPSPrinterStatus {
        let attributes = [
            "printer-state", "printer-state-reasons", "printer-is-accepting-jobs", "printer-state-message",
        ]
        return try withConnection { http throws(DeviceError) in
            let request = newRequest(IPP_OP_GET_PRINTER_ATTRIBUTES, queue: name, requested: attributes)
            guard let response = cupsDoRequest(http, request, "/") else {
                throw connectionFailure("read the state of CUPS printer \"\(name)\"")
            }
            defer { ippDelete(response) }
            if cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND {
                return CUPSPrinterStatus(
                    queue: name, state: .stopped, reasons: ["printer-gone"], isAcceptingJobs: false,
                    message: "CUPS has no printer \(name)")
            }
            guard Self.isSuccess(cupsLastError()) else {
                throw DeviceError(
                    "cannot read the state of CUPS printer \"\(name)\" on \(serverDescription): \(lastError()); "
                        + "check the queue with lpstat -l -p \(name)")
            }
            let stateValue = Int(ippGetInteger(ippFindAttribute(response, "printer-state", IPP_TAG_ENUM), 0))
            let accepting = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)
            return CUPSPrinterStatus(
                queue: name, state: CUPSPrinterState(ippValue: stateValue) ?? .stopped,
                reasons: CUPSPrinterStatus.normalizedReasons(strings(response, "printer-state-reasons")),
                isAcceptingJobs: accepting.map { ippGetBoolean($0, 0) != 0 } ?? false,
                message: strings(response, "printer-state-message").first ?? "")
        }
    }

    /// One job's state, or nil when CUPS no longer knows the job (its history was purged). Blocks.
    public func jobStatusNow(queue name: String, jobID: Int) throws(DeviceError) -> CUPSJobStatus? {
        try withConnection { http throws(DeviceError) in
            let request = newRequest(
                IPP_OP_GET_JOB_ATTRIBUTES, queue: name,
                requested: ["job-id", "job-name", "job-state", "job-state-reasons"])
            ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
            guard let response = cupsDoRequest(http, request, "/") else {
                throw connectionFailure("read the state of job \(jobID) on CUPS printer \"\(name)\"")
            }
            defer { ippDelete(response) }
            if cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND { return nil }
            guard Self.isSuccess(cupsLastError()) else {
                throw DeviceError(
                    "cannot read the state of job \(jobID) on CUPS printer \"\(name)\": \(lastError()); "
                        + "check lpstat -l -o \(name)")
            }
            return jobs(in: response).first
        }
    }

    /// Every job on the queue (finished ones too, as far as CUPS keeps history) named `jobName`, oldest
    /// first: how a restarted madod finds a job it submitted before it crashed. Blocks.
    public func jobsNow(queue name: String, named jobName: String) throws(DeviceError) -> [CUPSJobStatus] {
        try withConnection { http throws(DeviceError) in
            let request = newRequest(
                IPP_OP_GET_JOBS, queue: name, requested: ["job-id", "job-name", "job-state", "job-state-reasons"])
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nil, "all")
            guard let response = cupsDoRequest(http, request, "/") else {
                throw connectionFailure("list the jobs of CUPS printer \"\(name)\"")
            }
            defer { ippDelete(response) }
            if cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND { return [] }
            guard Self.isSuccess(cupsLastError()) else {
                throw DeviceError(
                    "cannot list the jobs of CUPS printer \"\(name)\": \(lastError()); check lpstat -W all -o \(name)")
            }
            return jobs(in: response).filter { $0.name == jobName }.sorted { $0.jobID < $1.jobID }
        }
    }

    /// Resume-Printer (what `cupsenable` does): restarts a queue CUPS stopped after a printer error. Blocks.
    public func resumeNow(queue name: String) throws(DeviceError) {
        try withConnection { http throws(DeviceError) in
            let request = newRequest(IPP_OP_RESUME_PRINTER, queue: name, requested: [])
            guard let response = cupsDoRequest(http, request, "/admin/") else {
                throw connectionFailure("resume CUPS printer \"\(name)\"")
            }
            ippDelete(response)
            guard Self.isSuccess(cupsLastError()) else {
                throw DeviceError(
                    "cannot resume CUPS printer \"\(name)\": \(lastError()); madod needs the right to manage "
                        + "the queue (run it in the lpadmin group) or resume it by hand with cupsenable \(name)")
            }
        }
    }

    /// Cancel-Job. Blocks.
    public func cancelNow(queue name: String, jobID: Int) throws(DeviceError) {
        try withConnection { http throws(DeviceError) in
            let request = newRequest(IPP_OP_CANCEL_JOB, queue: name, requested: [])
            ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
            guard let response = cupsDoRequest(http, request, "/jobs/") else {
                throw connectionFailure("cancel job \(jobID) on CUPS printer \"\(name)\"")
            }
            ippDelete(response)
            guard Self.isSuccess(cupsLastError()) || cupsLastError() == IPP_STATUS_ERROR_NOT_POSSIBLE else {
                throw DeviceError("cannot cancel job \(jobID) on CUPS printer \"\(name)\": \(lastError())")
            }
        }
    }

    // MARK: - Connection and IPP helpers

    /// Runs `body` with a connected http_t under the lock; closes the connection when `body` throws, so
    /// the next call starts afresh (cupsd may have restarted).
    private func withConnection<T>(_ body: (OpaquePointer) throws(DeviceError) -> T) throws(DeviceError) -> T {
        lock.lock()
        defer { lock.unlock() }
        if http == nil {
            let host = server?.host ?? String(cString: cupsServer())
            let port = server?.port ?? Int(ippPort())
            http = httpConnect2(host, Int32(port), nil, AF_UNSPEC, cupsEncryption(), 1, 10_000, nil)
            guard http != nil else {
                throw DeviceError(
                    "cannot reach the CUPS server at \(serverDescription): \(String(cString: strerror(errno))); "
                        + "check that cupsd is running (systemctl status cups) and the configured server")
            }
        }
        do {
            return try body(http!)
        } catch {
            httpClose(http)
            http = nil
            throw error
        }
    }

    private func newRequest(_ operation: ipp_op_t, queue name: String, requested: [String]) -> OpaquePointer {
        let request = ippNewRequest(operation)!
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, "ipp://localhost/printers/\(name)")
        // The owner's name: CUPS's default policy shows job-name only to the job's owner.
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        if !requested.isEmpty {
            let copies = requested.map { strdup($0) }
            defer { copies.forEach { free($0) } }
            var pointers = copies.map { UnsafePointer<CChar>($0) }
            ippAddStrings(
                request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", Int32(pointers.count), nil,
                &pointers)
        }
        return request
    }

    private func strings(_ ipp: OpaquePointer, _ name: String) -> [String] {
        guard let attribute = ippFindAttribute(ipp, name, IPP_TAG_ZERO) else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { index in
            ippGetString(attribute, index, nil).map { String(cString: $0) }
        }
    }

    /// The job groups of a Get-Jobs or Get-Job-Attributes response.
    private func jobs(in response: OpaquePointer) -> [CUPSJobStatus] {
        var result: [CUPSJobStatus] = []
        var id = 0
        var name = ""
        var state: CUPSJobState?
        var reasons: [String] = []
        func flush() {
            if id > 0, let state { result.append(CUPSJobStatus(jobID: id, name: name, state: state, reasons: reasons)) }
            id = 0
            name = ""
            state = nil
            reasons = []
        }
        var attribute = ippFirstAttribute(response)
        while let current = attribute {
            if ippGetGroupTag(current) != IPP_TAG_JOB {
                flush()
            } else if let rawName = ippGetName(current) {
                switch String(cString: rawName) {
                case "job-id": id = Int(ippGetInteger(current, 0))
                case "job-name": name = ippGetString(current, 0, nil).map { String(cString: $0) } ?? ""
                case "job-state": state = CUPSJobState(ippValue: Int(ippGetInteger(current, 0)))
                case "job-state-reasons":
                    reasons = (0..<ippGetCount(current)).compactMap {
                        ippGetString(current, $0, nil).map { String(cString: $0) }
                    }
                default: break
                }
            }
            attribute = ippNextAttribute(response)
        }
        flush()
        return result
    }

    private func connectionFailure(_ action: String) -> DeviceError {
        DeviceError(
            "cannot \(action): the CUPS server at \(serverDescription) did not answer (\(lastError())); "
                + "check that cupsd is running")
    }

    private func lastError() -> String {
        guard let text = cupsLastErrorString() else { return "unknown error" }
        return String(cString: text)
    }

    private static func isSuccess(_ status: ipp_status_t) -> Bool {
        status.rawValue < IPP_STATUS_REDIRECTION_OTHER_SITE.rawValue
    }
}
