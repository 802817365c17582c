// SPDX-License-Identifier: Apache-2.0
// What a route answers: a status, headers and either bytes or a live event stream.
public import Foundation

/// An HTTP response.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes(Data)
        /// Bytes sent from where they are, without a copy.
        case shared(SharedBytes)
        /// A Server-Sent Events stream fed by the broadcaster until the client or the daemon goes away.
        case eventStream(EventSubscription)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Body = .bytes(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The encoder every JSON answer uses, so that dates and key order are the same everywhere.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A JSON answer. Encoding a value of our own types cannot fail in practice; if it does, that is a bug
    /// reported as a 500 with no detail to the client.
    public static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        do {
            let data = try makeEncoder().encode(value)
            return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: .bytes(data))
        } catch {
            return APIError.internalError.response
        }
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Data(text.utf8)))
    }

    public static func bytes(_ data: Data, contentType: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(data))
    }

    /// A Server-Sent Events stream: not cached, not buffered by a proxy in between.
    public static func eventStream(_ subscription: EventSubscription) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-cache"),
                ("X-Accel-Buffering", "no"),
            ],
            body: .eventStream(subscription))
    }

    public static func shared(_ bytes: SharedBytes, contentType: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: .shared(bytes))
    }

    public var bodyData: Data? {
        switch body {
        case .bytes(let data): data
        case .shared(let bytes): bytes.data
        case .eventStream: nil
        }
    }
}
