// SPDX-License-Identifier: Apache-2.0
// libmicrohttpd on a real Unix socket: bodies, limits and event streams as clients see them.
import Foundation
import MadoServer
import MadoSystem
import MadoTestSupport
import MadoTestThreads
import Testing

/// A server on a fresh socket in a temp directory, stopped at the end of the test.
final class ServerFixture {
    let directory: String
    let socketPath: String
    let broadcaster = EventBroadcaster()
    let server: HTTPServer

    init(routes: (EventBroadcaster) -> [Route], heartbeat: Duration = .seconds(15)) throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("mado-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        socketPath = directory + "/admin.sock"
        let fd = try UnixSocket.listen(path: socketPath, mode: 0o660)
        var options = HTTPServerOptions()
        options.heartbeatInterval = heartbeat
        let router = Router(routes: routes(broadcaster), tokens: FixedTokens(table: [:]))
        // uid 0 runs the tests, and root is always an admin; other peers are tested against madod itself.
        server = HTTPServer(
            listenSocket: fd, listener: .admin, router: router, broadcaster: broadcaster, options: options)
        try server.start()
    }

    deinit {
        broadcaster.shutdown()
        server.stop(drainTimeout: .milliseconds(100))
        try? FileManager.default.removeItem(atPath: directory)
    }
}

@Suite(.ownThread) struct HTTPServerTests {
    static func routes(_ broadcaster: EventBroadcaster) -> [Route] {
        [
            Route("POST", "/v1/echo") { request, _ in
                .bytes(request.body, contentType: "application/octet-stream")
            },
            Route("GET", "/v1/query") { request, _ in .text(request.query["from"] ?? "-") },
            Route("GET", "/v1/events") { _, _ in
                HTTPResponse(
                    headers: [("Content-Type", "text/event-stream")], body: .eventStream(broadcaster.subscribe()))
            },
        ]
    }

    @Test func bodiesArriveWhole() async throws {
        let fixture = try ServerFixture(routes: Self.routes)
        let body = Data((0..<300_000).map { UInt8($0 % 251) })
        let response = try RawHTTP.request(socket: fixture.socketPath, method: "POST", path: "/v1/echo", body: body)
        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test func queryParametersAreDecoded() async throws {
        let fixture = try ServerFixture(routes: Self.routes)
        let response = try RawHTTP.request(
            socket: fixture.socketPath, method: "GET", path: "/v1/query?from=2026-12-01%2B1")
        #expect(response.text == "2026-12-01+1")
    }

    @Test func aBodyOverOneMebibyteIs413() async throws {
        let fixture = try ServerFixture(routes: Self.routes)
        let socket = fixture.socketPath
        let response = try RawHTTP.request(
            socket: socket, method: "POST", path: "/v1/echo", body: Data(count: (1 << 20) + 1))
        #expect(response.status == 413)
        #expect(response.text.contains("\"code\":\"payload_too_large\""))
        // Exactly at the limit is fine.
        let atLimit = try RawHTTP.request(socket: socket, method: "POST", path: "/v1/echo", body: Data(count: 1 << 20))
        #expect(atLimit.status == 200)
    }

    @Test func eventsReachAStreamingClientWithHeartbeats() async throws {
        let fixture = try ServerFixture(routes: Self.routes, heartbeat: .milliseconds(200))
        let connection = try RawHTTPConnection(path: fixture.socketPath)
        connection.send(Data("GET /v1/events HTTP/1.1\r\nHost: mado\r\n\r\n".utf8))
        let head = connection.read { String(decoding: $0, as: UTF8.self).contains(": connected") }
        fixture.broadcaster.publish("ticket.called", json: #"{"number":"A-023","counter":"3"}"#)
        let event = connection.read { String(decoding: $0, as: UTF8.self).contains("A-023") }
        let heartbeat = connection.read { String(decoding: $0, as: UTF8.self).contains(": heartbeat") }
        #expect(String(decoding: head, as: UTF8.self).contains("text/event-stream"))
        #expect(String(decoding: event, as: UTF8.self).contains("event: ticket.called\ndata: {\"number\":\"A-023\""))
        #expect(String(decoding: heartbeat, as: UTF8.self).contains(": heartbeat"))
    }
}
