internal import CCurl
// SPDX-License-Identifier: Apache-2.0
// HTTP/1.1 to madod's admin Unix socket through libcurl: JSON requests with short timeouts, and a
// long-lived reader for the Server-Sent Events stream. Every transport failure becomes a CLIError
// that says whether madod is absent, forbidden to this user, or misbehaving.
public import Foundation
internal import Glibc
public import MadoCore

/// A finished request: the HTTP status and the raw body.
public struct AdminResponse: Sendable {
    public let status: Int
    public let body: Data
}

/// What a stream reader wants after each chunk.
public enum StreamControl: Sendable {
    case `continue`
    case stop
}

/// A blocking client for one admin socket. Each request uses its own curl handle, so the client
/// holds only immutable settings.
public final class AdminClient: Sendable {
    public let socketPath: String
    public let connectTimeoutMilliseconds: Int
    public let requestTimeoutMilliseconds: Int
    /// A stream that delivers no byte for this long is given up; madod sends `: heartbeat` every 15 s.
    public let streamSilenceSeconds: Int

    public init(
        socketPath: String, connectTimeoutMilliseconds: Int = 2_000, requestTimeoutMilliseconds: Int = 30_000,
        streamSilenceSeconds: Int = 45
    ) {
        self.socketPath = socketPath
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
        self.streamSilenceSeconds = streamSilenceSeconds
    }

    /// `GET path` (such as `/v1/status`); a 4xx/5xx answer throws `.api`.
    public func get(_ path: String) throws(CLIError) -> AdminResponse {
        try checked(perform(method: "GET", path: path, body: nil, onData: nil), "GET", path)
    }

    /// `POST path` with a JSON body; a 4xx/5xx answer throws `.api`.
    public func post(_ path: String, json: JSONValue) throws(CLIError) -> AdminResponse {
        try post(path, body: Data(json.serialized().utf8), contentType: "application/json")
    }

    /// `POST path` with raw bytes (a scanned page for `exam read`); a 4xx/5xx answer throws `.api`.
    public func post(_ path: String, body: Data, contentType: String) throws(CLIError) -> AdminResponse {
        try checked(
            perform(method: "POST", path: path, body: body, contentType: contentType, onData: nil), "POST", path)
    }

    /// Reads `GET path` as a stream, handing each received chunk to `onData` until it answers `.stop`
    /// (then this returns normally) or the daemon ends the stream (then it throws `.daemonUnavailable`).
    public func stream(_ path: String, onData: @escaping (Data) -> StreamControl) throws(CLIError) {
        guard let response = try perform(method: "GET", path: path, body: nil, onData: onData) else { return }
        if response.status >= 400 {
            throw Self.errorAnswer(status: response.status, body: response.body, request: "GET \(path)")
        }
        throw .daemonUnavailable("madod at \(socketPath) ended the event stream (was it restarted?)")
    }

    // MARK: - The libcurl transfer

    private func checked(_ response: AdminResponse?, _ method: String, _ path: String) throws(CLIError)
        -> AdminResponse
    {
        // Without a stream reader a transfer always completes with a response.
        guard let response else { throw .invalidResponse("\(method) \(path) ended without an answer") }
        guard response.status < 400 else {
            throw Self.errorAnswer(status: response.status, body: response.body, request: "\(method) \(path)")
        }
        return response
    }

    /// Runs one transfer. Returns nil when a stream reader stopped it.
    private func perform(
        method: String, path: String, body: Data?, contentType: String = "application/json",
        onData: ((Data) -> StreamControl)?
    ) throws(CLIError) -> AdminResponse? {
        Self.initializeLibcurlOnce
        guard let handle = curl_easy_init() else {
            throw .daemonUnavailable("cannot start a libcurl transfer (out of memory?)")
        }
        defer { curl_easy_cleanup(handle) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }

        var headers: UnsafeMutablePointer<curl_slist>? = nil
        let accept = onData == nil ? "application/json" : "text/event-stream"
        headers = curl_slist_append(headers, "Accept: \(accept)")
        if body != nil { headers = curl_slist_append(headers, "Content-Type: \(contentType)") }
        defer { curl_slist_free_all(headers) }

        // The host name is a placeholder: with CURLOPT_UNIX_SOCKET_PATH nothing is resolved.
        _ = mado_curl_set_string(handle, CURLOPT_URL, "http://mado\(path)")
        _ = mado_curl_set_string(handle, CURLOPT_UNIX_SOCKET_PATH, socketPath)
        // No SIGALRM-based timeouts: they are unsafe once anything else in the process uses threads.
        _ = mado_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = mado_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMilliseconds)
        if onData == nil {
            _ = mado_curl_set_long(handle, CURLOPT_TIMEOUT_MS, requestTimeoutMilliseconds)
        } else {
            _ = mado_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
            _ = mado_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, streamSilenceSeconds)
        }
        _ = mado_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headers)
        _ = mado_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        if let body {
            _ = mado_curl_set_long(handle, CURLOPT_POST, 1)
            _ = mado_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            // COPYPOSTFIELDS copies the bytes, so the Data need not outlive this call.
            _ = body.withUnsafeBytes { bytes in
                mado_curl_set_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }

        let transfer = Transfer(handle: handle, onData: onData)
        _ = mado_curl_set_write_function(handle) { pointer, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            let chunk = pointer.map { Data(bytes: $0, count: length) } ?? Data()
            return transfer.receive(chunk) ? length : 0
        }
        // The callback reaches `transfer` through an unretained pointer. That is safe because libcurl only
        // calls it inside curl_easy_perform, and withExtendedLifetime keeps `transfer` alive until it returns.
        let code = withExtendedLifetime(transfer) {
            _ = mado_curl_set_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(transfer).toOpaque())
            return curl_easy_perform(handle)
        }

        if transfer.stoppedByReader { return nil }
        guard code == CURLE_OK else {
            throw transportError(code, handle: handle, detail: String(cString: errorBuffer), streaming: onData != nil)
        }
        var status = 0
        _ = mado_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return AdminResponse(status: status, body: transfer.body)
    }

    private func transportError(_ code: CURLcode, handle: UnsafeMutableRawPointer, detail: String, streaming: Bool)
        -> CLIError
    {
        var osErrno = 0
        _ = mado_curl_get_long(handle, CURLINFO_OS_ERRNO, &osErrno)
        let detail = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_CONNECT:
            return Self.connectError(errno: Int32(osErrno), socketPath: socketPath, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            if streaming {
                return .daemonUnavailable(
                    "the event stream from madod at \(socketPath) was silent for \(streamSilenceSeconds) s "
                        + "(no heartbeat); madod may be overloaded or stuck")
            }
            return .daemonUnavailable(
                "madod at \(socketPath) did not answer within \(requestTimeoutMilliseconds / 1000) s: \(detail)")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .daemonUnavailable("madod at \(socketPath) closed the connection before answering: \(detail)")
        default:
            return .daemonUnavailable("the request to madod at \(socketPath) failed: \(detail)")
        }
    }

    /// Maps the errno of a failed connect(2) on the admin socket.
    static func connectError(errno: Int32, socketPath: String, detail: String) -> CLIError {
        switch errno {
        case ENOENT, ECONNREFUSED, ENOTDIR:
            return .daemonNotRunning(socketPath: socketPath)
        case EACCES, EPERM:
            return .permissionDenied(socketPath: socketPath, group: SocketOwner.groupName(of: socketPath))
        default:
            return .daemonUnavailable("cannot connect to madod at \(socketPath): \(detail)")
        }
    }

    /// Reads madod's `{"error":{"code","message","field"}}`; any other body still gives a usable message.
    static func errorAnswer(status: Int, body: Data, request: String) -> CLIError {
        if let value = try? JSONParser.parse(body), case .object(let root) = value,
            case .object(let error)? = root["error"], case .string(let message)? = error["message"]
        {
            var code = "http-\(status)"
            if case .string(let c)? = error["code"] { code = c }
            var field: String?
            if case .string(let f)? = error["field"] { field = f }
            return .api(status: status, code: code, message: message, field: field)
        }
        return .api(
            status: status, code: "http-\(status)", message: "madod answered HTTP \(status) to \(request)", field: nil)
    }

    /// curl_global_init is not thread-safe; a static let runs it exactly once, before the first handle.
    private static let initializeLibcurlOnce: Void = {
        _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()
}

/// The state of one transfer, reached from libcurl's write callback through an unretained pointer.
private final class Transfer {
    let handle: UnsafeMutableRawPointer
    let onData: ((Data) -> StreamControl)?
    var body = Data()
    var stoppedByReader = false
    /// Set when a stream answered with an error status: its body is an error, not events.
    var errorStatus: Int?

    init(handle: UnsafeMutableRawPointer, onData: ((Data) -> StreamControl)?) {
        self.handle = handle
        self.onData = onData
    }

    /// Returns false to make libcurl abort the transfer.
    func receive(_ chunk: Data) -> Bool {
        guard let onData else {
            body.append(chunk)
            return true
        }
        if errorStatus == nil {
            var status = 0
            _ = mado_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
            if status >= 400 { errorStatus = status }
        }
        if errorStatus != nil {
            body.append(chunk)
            return true
        }
        if onData(chunk) == .stop {
            stoppedByReader = true
            return false
        }
        return true
    }
}
