// SPDX-License-Identifier: Apache-2.0
// A real peer for AdminClient: a tiny HTTP/1.1 server on a Unix socket in a temp directory, answering
// each request with a canned response from the test and recording what it received.
import Foundation
import Glibc
import Synchronization

/// A request as the server received it.
struct RecordedRequest: Sendable {
    let method: String
    /// Path and query, e.g. `/v1/tickets?state=waiting`.
    let target: String
    /// Header names lowercased.
    let headers: [String: String]
    let body: String
}

/// What the server answers; `chunks` are written one by one with a short pause between them.
struct CannedResponse: Sendable {
    var status: Int = 200
    var contentType = "application/json"
    var chunks: [String] = []
    /// Leave out Content-Length and stream the chunks (Server-Sent Events).
    var streaming = false
    /// Never answer; hold the connection until the client gives up (timeout tests).
    var silent = false

    static func json(_ body: String, status: Int = 200) -> CannedResponse {
        CannedResponse(status: status, chunks: [body])
    }
}

/// A fresh directory under /tmp for one test's socket, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = "/tmp/mado-cli-test-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs on its own threads (one accepting, one per connection); state shared with them is in Mutexes.
final class TestHTTPServer: Sendable {
    let socketPath: String
    private let listener: Int32
    private let handler: @Sendable (RecordedRequest) -> CannedResponse
    private let received = Mutex<[RecordedRequest]>([])

    init(socketPath: String, handler: @escaping @Sendable (RecordedRequest) -> CannedResponse) {
        self.socketPath = socketPath
        self.handler = handler
        listener = TestHTTPServer.bindAndListen(socketPath)
        Thread { [self] in acceptLoop() }.start()
    }

    var requests: [RecordedRequest] { received.withLock { $0 } }

    /// Stops accepting; shutdown(2) wakes the blocked accept(2).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A socket file that exists but on which nobody listens (connect is refused).
    static func makeDeadSocket(at path: String) {
        let fd = bindAndListen(path)
        close(fd)
    }

    private static func bindAndListen(_ path: String) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8) + [0]
        precondition(bytes.count <= MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        precondition(rc == 0, "bind \(path) failed: errno \(errno)")
        precondition(listen(fd, 8) == 0)
        return fd
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = readRequest(connection) else { return }
        received.withLock { $0.append(request) }
        let response = handler(request)
        if response.silent {
            // Wait for the client to hang up (or give up after 10 s).
            var poller = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 10_000)
            return
        }
        var head = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\n"
        head += "Content-Type: \(response.contentType)\r\nConnection: close\r\n"
        if !response.streaming {
            head += "Content-Length: \(response.chunks.joined().utf8.count)\r\n"
        }
        send(connection, head + "\r\n")
        for chunk in response.chunks {
            send(connection, chunk)
            if response.streaming { usleep(20_000) }
        }
    }

    private func send(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes {
                Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { return }
            offset += n
        }
    }

    private func readRequest(_ connection: Int32) -> RecordedRequest? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return nil }
            data += buffer[..<n]
            if data.count >= 4 {
                headerEnd = (0...(data.count - 4)).first { Array(data[$0..<$0 + 4]) == terminator }
            }
        }
        let head = String(decoding: data[..<headerEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(data[(headerEnd! + 4)...])
        while body.count < length {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            body += buffer[..<n]
        }
        return RecordedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            body: String(decoding: body, as: UTF8.self))
    }
}
