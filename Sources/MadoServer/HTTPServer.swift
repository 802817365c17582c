// SPDX-License-Identifier: Apache-2.0
// libmicrohttpd behind the router. MHD runs one thread per connection, so a handler may block that
// thread while the async router works, and an event stream may block it while it waits for events.
internal import CMicroHTTPD
import Foundation
internal import MadoSystem

/// Why the server could not start.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Server limits and timing; tests shorten the heartbeat.
public struct HTTPServerOptions: Sendable {
    /// Request bodies above this size are refused with 413.
    public var maximumBodyBytes: Int = 1 << 20
    /// Paths that take bigger bodies (scanned answer sheets) and their limit: JSON requests stay at
    /// `maximumBodyBytes`, so a stray upload cannot make every route buffer megabytes.
    public var largeBodyPathSuffixes: [String] = []
    public var maximumLargeBodyBytes: Int = 64 << 20

    /// The body limit for a request path.
    public func bodyLimit(forPath path: String) -> Int {
        largeBodyPathSuffixes.contains { path.hasSuffix($0) } ? maximumLargeBodyBytes : maximumBodyBytes
    }
    /// A comment line on every event stream at this interval keeps proxies and clients from timing out.
    public var heartbeatInterval: Duration = .seconds(15)
    /// Idle keep-alive connections are closed after this long.
    public var idleTimeoutSeconds: UInt32 = 60
    public var connectionLimit: UInt32 = 512
    /// Connections one address may hold at once; 0 for no limit. On the LAN listener this keeps one
    /// device holding open event streams (which never time out) from taking every connection and
    /// locking kiosks, counters and phones out. Not for the Unix socket, where every peer is one address.
    public var perAddressLimit: UInt32 = 32

    public init() {}
}

/// Serves one listening socket with the shared router.
public final class HTTPServer: @unchecked Sendable {
    // @unchecked: `daemon` is set in start() and cleared in stop(), both called from the daemon's
    // lifecycle task only; everything MHD threads touch lives in the immutable `context`.
    private let context: ServerContext
    private var daemon: OpaquePointer?

    /// - Parameters:
    ///   - listenSocket: a listening socket this server now owns (MHD closes it on stop).
    ///   - adminGroup: for the admin listener, the group whose members may connect (uid 0 always may);
    ///     read on every connection, so a reload that changes the group takes effect at once.
    public init(
        listenSocket: Int32, listener: ListenerKind, router: Router, broadcaster: EventBroadcaster,
        options: HTTPServerOptions = HTTPServerOptions(),
        adminGroup: @escaping @Sendable () -> UInt32? = { nil }
    ) {
        context = ServerContext(
            listenSocket: listenSocket, listener: listener, router: router, broadcaster: broadcaster,
            options: options, adminGroup: adminGroup)
    }

    public var activeRequests: Int { context.activeRequests.value }

    public func start() throws(ServerError) {
        let flags =
            MHD_USE_THREAD_PER_CONNECTION.rawValue | MHD_USE_INTERNAL_POLLING_THREAD.rawValue
            | MHD_USE_POLL.rawValue | MHD_USE_ITC.rawValue
        let cls = Unmanaged.passUnretained(context).toOpaque()
        guard
            let started = mado_mhd_start(
                flags, context.listenSocket, accessHandler, cls, requestCompleted, cls,
                context.options.idleTimeoutSeconds, context.options.connectionLimit,
                context.listener == .lan ? context.options.perAddressLimit : 0)
        else {
            throw ServerError(message: "cannot start the HTTP server on the \(context.listener.rawValue) listener")
        }
        daemon = started
    }

    /// Stops accepting, lets running requests finish (up to `drainTimeout`), ends event streams, then stops.
    public func stop(drainTimeout: Duration = .seconds(3)) {
        guard let daemon else { return }
        _ = MHD_quiesce_daemon(daemon)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: drainTimeout)
        while context.activeRequests.value > 0 && clock.now < deadline {
            usleep(10_000)
        }
        MHD_stop_daemon(daemon)
        self.daemon = nil
    }

    deinit {
        if let daemon { MHD_stop_daemon(daemon) }
    }
}

/// A counter shared with MHD's threads.
final class AtomicCounter: @unchecked Sendable {
    // @unchecked: `count` is only touched while holding `lock`.
    private let lock = NSLock()
    private var count = 0
    func add(_ delta: Int) {
        lock.lock()
        count += delta
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// What MHD's callbacks need; passed to C as an unretained pointer that HTTPServer keeps alive.
final class ServerContext: Sendable {
    let listenSocket: Int32
    let listener: ListenerKind
    let router: Router
    let broadcaster: EventBroadcaster
    let options: HTTPServerOptions
    let adminGroup: @Sendable () -> UInt32?
    let activeRequests = AtomicCounter()

    init(
        listenSocket: Int32, listener: ListenerKind, router: Router, broadcaster: EventBroadcaster,
        options: HTTPServerOptions, adminGroup: @escaping @Sendable () -> UInt32?
    ) {
        self.listenSocket = listenSocket
        self.listener = listener
        self.router = router
        self.broadcaster = broadcaster
        self.options = options
        self.adminGroup = adminGroup
    }
}

/// Per-request state kept in MHD's `con_cls` between the calls that deliver the body.
final class RequestState {
    var body = Data()
    var refusal: APIError?
    var counted = false
    /// The body limit for this request's path, fixed when its headers arrive.
    var bodyLimit = 0
}

/// Collects MHD's key/value iteration into a dictionary.
final class KeyValueCollector {
    var values: [String: String] = [:]
    let lowercaseKeys: Bool
    init(lowercaseKeys: Bool) { self.lowercaseKeys = lowercaseKeys }
}

private let collectKeyValue: MHD_KeyValueIterator = { cls, _, key, value in
    guard let cls, let key else { return MHD_Result.YES }
    let collector = Unmanaged<KeyValueCollector>.fromOpaque(cls).takeUnretainedValue()
    let name = String(cString: key)
    collector.values[collector.lowercaseKeys ? name.lowercased() : name] = value.map { String(cString: $0) } ?? ""
    return MHD_Result.YES
}

private func connectionValues(_ connection: OpaquePointer?, _ kind: MHD_ValueKind, lowercase: Bool) -> [String: String]
{
    let collector = KeyValueCollector(lowercaseKeys: lowercase)
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values(connection, kind, collectKeyValue, Unmanaged.passUnretained(collector).toOpaque())
    }
    return collector.values
}

/// Holds a value produced on another task while an MHD thread waits for it.
private final class ResponseBox: @unchecked Sendable {
    // @unchecked: written once before `done` is signalled, read only after waiting on it.
    var response: HTTPResponse?
    let done = DispatchSemaphore(value: 0)
}

private let accessHandler: MHD_AccessHandlerCallback = {
    cls, connection, url, method, _, uploadData, uploadDataSize, conCls in
    guard let cls, let conCls, let uploadDataSize else { return MHD_Result.NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()

    // First call for this request: headers are in, the body is not. Check who is calling and the size.
    guard let stateRaw = conCls.pointee else {
        let state = RequestState()
        state.bodyLimit = context.options.bodyLimit(forPath: url.map { String(cString: $0) } ?? "")
        context.activeRequests.add(1)
        state.counted = true
        if context.listener == .admin {
            state.refusal = refuseUnlessAdmin(connection, context)
        }
        if state.refusal == nil,
            let length = connectionValues(connection, .HEADER_KIND, lowercase: true)["content-length"],
            let bytes = Int(length), bytes > state.bodyLimit
        {
            state.refusal = .payloadTooLarge(limit: state.bodyLimit)
        }
        conCls.pointee = Unmanaged.passRetained(state).toOpaque()
        if let refusal = state.refusal {
            // Answer before reading the body: MHD then discards it and closes the connection.
            return queue(refusal.response, on: connection, context: context)
        }
        return MHD_Result.YES
    }
    let state = Unmanaged<RequestState>.fromOpaque(stateRaw).takeUnretainedValue()

    if uploadDataSize.pointee > 0 {
        if state.refusal == nil, let uploadData {
            if state.body.count + uploadDataSize.pointee > state.bodyLimit {
                state.refusal = .payloadTooLarge(limit: state.bodyLimit)
                state.body = Data()
            } else {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: uploadDataSize.pointee) {
                    state.body.append($0, count: uploadDataSize.pointee)
                }
            }
        }
        uploadDataSize.pointee = 0
        return MHD_Result.YES
    }

    if let refusal = state.refusal { return queue(refusal.response, on: connection, context: context) }

    let request = HTTPRequest(
        method: method.map { String(cString: $0) } ?? "GET",
        path: url.map { String(cString: $0) } ?? "/",
        query: connectionValues(connection, .GET_ARGUMENT_KIND, lowercase: false),
        headers: connectionValues(connection, .HEADER_KIND, lowercase: true),
        body: state.body,
        listener: context.listener)
    state.body = Data()

    let box = ResponseBox()
    let router = context.router
    Task {
        box.response = await router.respond(to: request)
        box.done.signal()
    }
    box.done.wait()
    return queue(box.response ?? APIError.internalError.response, on: connection, context: context)
}

private func refuseUnlessAdmin(_ connection: OpaquePointer?, _ context: ServerContext) -> APIError? {
    let fd = mado_mhd_connection_fd(connection)
    guard fd >= 0, let peer = try? PeerCredentials.of(socket: fd) else {
        return .forbidden("cannot determine who is calling on the admin socket")
    }
    if UserDatabase.isAdmin(peer, adminGroup: context.adminGroup()) { return nil }
    return .forbidden("uid \(peer.uid) is neither root nor a member of the admin group")
}

private func queue(_ response: HTTPResponse, on connection: OpaquePointer?, context: ServerContext) -> MHD_Result {
    let mhdResponse: OpaquePointer?
    switch response.body {
    case .bytes(let data):
        mhdResponse = data.withUnsafeBytes { raw in
            // MUST_COPY: MHD keeps its own copy, so the Swift buffer may go away after this call.
            MHD_create_response_from_buffer(
                raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
        }
    case .shared(let bytes):
        // MHD reads the buffer in place and calls releaseShared when the answer is sent.
        let retained = Unmanaged.passRetained(bytes)
        mhdResponse = MHD_create_response_from_buffer_with_free_callback_cls(
            bytes.count, bytes.buffer.baseAddress, releaseShared, retained.toOpaque())
        // MHD calls releaseShared only for a response it created.
        if mhdResponse == nil { retained.release() }
    case .eventStream(let subscription):
        let stream = EventStreamWriter(subscription: subscription, heartbeat: context.options.heartbeatInterval)
        mhdResponse = MHD_create_response_from_callback(
            mado_mhd_size_unknown(), 4096, readEventStream, Unmanaged.passRetained(stream).toOpaque(),
            freeEventStream)
        mado_mhd_disable_timeout(connection)
    }
    guard let mhdResponse else { return MHD_Result.NO }
    for header in response.headers {
        _ = MHD_add_response_header(mhdResponse, header.name, header.value)
    }
    let result = MHD_queue_response(connection, UInt32(response.status), mhdResponse)
    MHD_destroy_response(mhdResponse)
    return result
}

private let releaseShared: MHD_ContentReaderFreeCallback = { cls in
    guard let cls else { return }
    Unmanaged<SharedBytes>.fromOpaque(cls).release()
}

private let requestCompleted: MHD_RequestCompletedCallback = { cls, _, conCls, _ in
    guard let cls, let conCls, let raw = conCls.pointee else { return }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let state = Unmanaged<RequestState>.fromOpaque(raw).takeRetainedValue()
    if state.counted { context.activeRequests.add(-1) }
    conCls.pointee = nil
}

/// Turns a subscription into the bytes of a `text/event-stream` body.
final class EventStreamWriter {
    let subscription: EventSubscription
    let heartbeat: Duration
    var pending: [UInt8]

    init(subscription: EventSubscription, heartbeat: Duration) {
        self.subscription = subscription
        self.heartbeat = heartbeat
        // Tell browsers to reconnect quickly, and flush headers at once so clients know they are connected.
        self.pending = Array("retry: 2000\n: connected\n\n".utf8)
    }

    func fill(_ buffer: UnsafeMutablePointer<CChar>, max: Int) -> Int {
        if pending.isEmpty {
            switch subscription.next(timeout: heartbeat) {
            case .events(let events): pending = Array(events.map(\.wireFormat).joined().utf8)
            case .heartbeat: pending = Array(": heartbeat\n\n".utf8)
            case .closed: return MHD_CONTENT_READER_END_OF_STREAM
            }
        }
        let count = min(max, pending.count)
        pending.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress!, byteCount: count)
        }
        pending.removeFirst(count)
        return count
    }
}

private let readEventStream: MHD_ContentReaderCallback = { cls, _, buffer, max in
    guard let cls, let buffer else { return MHD_CONTENT_READER_END_WITH_ERROR }
    return Unmanaged<EventStreamWriter>.fromOpaque(cls).takeUnretainedValue().fill(buffer, max: max)
}

private let freeEventStream: MHD_ContentReaderFreeCallback = { cls in
    guard let cls else { return }
    Unmanaged<EventStreamWriter>.fromOpaque(cls).takeRetainedValue().subscription.cancel()
}
