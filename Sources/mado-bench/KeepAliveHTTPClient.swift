// SPDX-License-Identifier: Apache-2.0
// A minimal HTTP/1.1 client on one keep-alive Unix-socket connection: what a counter PC's browser or
// madoctl costs the server per request, without a library's pooling or retries in the measurement.
import Glibc
import MadoSystem

/// A response as the bench needs it: the status and the body bytes.
struct HTTPReply {
    let status: Int
    let body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// One connection, one request at a time. Responses are framed by Content-Length, or chunked.
/// A response carrying `Connection: close` makes the next request reconnect (counted in `reconnects`).
final class KeepAliveHTTPClient {
    let socketPath: String
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var receiveBuffer = [UInt8](repeating: 0, count: 65536)
    private(set) var reconnects = 0

    init(socketPath: String) throws(BenchError) {
        self.socketPath = socketPath
        try connect()
    }

    deinit { if fd >= 0 { close(fd) } }

    private func connect() throws(BenchError) {
        do {
            fd = try UnixSocket.connect(path: socketPath)
        } catch {
            throw BenchError("cannot connect to the admin socket: \(error)")
        }
        // A daemon that stops answering must fail the benchmark, not hang it.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Sends one request and reads its whole response.
    func request(_ method: String, _ path: String, json body: String? = nil) throws(BenchError) -> HTTPReply {
        if fd < 0 {
            try connect()
            reconnects += 1
        }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: mado\r\n"
        let bodyBytes = Array((body ?? "").utf8)
        if body != nil || method == "POST" {
            head += "Content-Type: application/json\r\nContent-Length: \(bodyBytes.count)\r\n"
        }
        head += "\r\n"
        try send(Array(head.utf8) + bodyBytes, what: "\(method) \(path)")
        return try readResponse(what: "\(method) \(path)")
    }

    private func send(_ bytes: [UInt8], what: String) throws(BenchError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw dropConnection("cannot send \(what): \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Reads more bytes into `buffer`; throws when the peer closed or the read timed out.
    private func fill(what: String) throws(BenchError) {
        while true {
            let n = recv(fd, &receiveBuffer, receiveBuffer.count, 0)
            if n > 0 {
                buffer.append(contentsOf: receiveBuffer[0..<n])
                return
            }
            if n < 0 && errno == EINTR { continue }
            let reason = n == 0 ? "madod closed the connection" : String(cString: strerror(errno))
            throw dropConnection("no complete response to \(what): \(reason)")
        }
    }

    private func dropConnection(_ message: String) -> BenchError {
        if fd >= 0 { close(fd) }
        fd = -1
        buffer.removeAll(keepingCapacity: true)
        return BenchError(message)
    }

    private func readResponse(what: String) throws(BenchError) -> HTTPReply {
        var headEnd: Int?
        var searchFrom = 0
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffer, from: searchFrom)
            if headEnd == nil {
                searchFrom = max(0, buffer.count - 3)
                try fill(what: what)
            }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusWords = lines.first?.split(separator: " ") ?? []
        guard statusWords.count >= 2, statusWords[0].hasPrefix("HTTP/1."), let status = Int(statusWords[1]) else {
            throw dropConnection("malformed status line in the response to \(what)")
        }
        var contentLength: Int?
        var chunked = false
        var closes = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces.lowercased()
            switch name {
            case "content-length": contentLength = Int(value)
            case "transfer-encoding": chunked = value.contains("chunked")
            case "connection": closes = value.contains("close")
            default: break
            }
        }
        let body: [UInt8]
        if chunked {
            body = try readChunked(what: what)
        } else if let contentLength {
            body = try readBody(length: contentLength, what: what)
        } else {
            throw dropConnection("the response to \(what) has neither Content-Length nor chunked framing")
        }
        if closes {
            close(fd)
            fd = -1
        }
        return HTTPReply(status: status, body: body)
    }

    /// A Content-Length body: what was read with the head, then straight from the socket into the
    /// body (a load generator that copied a megabyte list twice would measure itself, not madod).
    private func readBody(length: Int, what: String) throws(BenchError) -> [UInt8] {
        let buffered = min(length, buffer.count)
        var failure: BenchError?
        // Uninitialised capacity: zero-filling a megabyte before recv overwrites it is a pass for nothing.
        let body = [UInt8](unsafeUninitializedCapacity: length) { raw, initialized in
            _ = raw.initialize(from: buffer[0..<buffered])
            var filled = buffered
            while filled < length {
                let n = recv(fd, raw.baseAddress! + filled, length - filled, 0)
                if n > 0 {
                    filled += n
                    continue
                }
                if n < 0 && errno == EINTR { continue }
                let reason = n == 0 ? "madod closed the connection" : String(cString: strerror(errno))
                failure = BenchError("no complete response to \(what): \(reason)")
                break
            }
            initialized = filled
        }
        if let failure { throw dropConnection(failure.message) }
        buffer.removeFirst(buffered)
        return body
    }

    private func readChunked(what: String) throws(BenchError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = Self.find([13, 10], in: buffer, from: 0)
            while lineEnd == nil {
                try fill(what: what)
                lineEnd = Self.find([13, 10], in: buffer, from: 0)
            }
            let sizeText = String(decoding: buffer[0..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingSpaces, radix: 16) else {
                throw dropConnection("malformed chunk size in the response to \(what)")
            }
            buffer.removeFirst(lineEnd! + 2)
            if size == 0 {
                // Trailers (none expected) end with an empty line.
                while Self.find([13, 10], in: buffer, from: 0) == nil { try fill(what: what) }
                let end = Self.find([13, 10], in: buffer, from: 0)!
                buffer.removeFirst(end + 2)
                return body
            }
            while buffer.count < size + 2 { try fill(what: what) }
            body.append(contentsOf: buffer[0..<size])
            buffer.removeFirst(size + 2)
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            var match = true
            for j in 0..<needle.count where haystack[i + j] != needle[j] {
                match = false
                break
            }
            if match { return i }
            i += 1
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
