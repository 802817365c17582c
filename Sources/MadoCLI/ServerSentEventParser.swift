// SPDX-License-Identifier: Apache-2.0
// An incremental reader for `text/event-stream` (the WHATWG Server-Sent Events format): bytes arrive
// in arbitrary chunks from the socket, and complete events come out.

/// One event from madod's `GET /v1/events` stream.
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` field, or `message` when the event named none.
    public let name: String
    /// The `data:` lines joined by newlines.
    public let data: String
    public let id: String?

    public init(name: String, data: String, id: String? = nil) {
        self.name = name
        self.data = data
        self.id = id
    }
}

/// Splits a byte stream into events. Comments (`: heartbeat`) and `retry:` are consumed silently.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var lastByteWasCarriageReturn = false
    private var eventName = ""
    private var dataLines: [String] = []
    private var eventID: String?

    public init() {}

    /// Feeds the next chunk; returns the events it completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            // A line ends in CR, LF or CRLF; an LF right after a CR belongs to the same line break.
            if byte == UInt8(ascii: "\n") && lastByteWasCarriageReturn {
                lastByteWasCarriageReturn = false
                continue
            }
            lastByteWasCarriageReturn = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> ServerSentEvent? {
        let text = String(decoding: line, as: UTF8.self)
        line.removeAll(keepingCapacity: true)
        if text.isEmpty { return dispatch() }
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "event": eventName = String(value)
        case "data": dataLines.append(String(value))
        case "id": eventID = String(value)
        default: break  // `retry` and unknown fields: the spec says ignore
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            eventName = ""
            dataLines = []
        }
        // Per the spec, a block without data lines is not an event.
        guard !dataLines.isEmpty else { return nil }
        return ServerSentEvent(
            name: eventName.isEmpty ? "message" : eventName, data: dataLines.joined(separator: "\n"), id: eventID)
    }
}
