// SPDX-License-Identifier: Apache-2.0
// The event-stream reader must give the same events however the socket splits the bytes.
import MadoTestThreads
import Testing

@testable import MadoCLI

@Suite(.ownThread) struct ServerSentEventParserTests {
    let stream =
        ": heartbeat\n\nevent: ticket.called\nid: 7\ndata: {\"number\":\"A-023\",\"counter\":\"1番窓口\"}\n\n"
        + "data: line one\r\ndata: line two\r\n\r\nevent: empty\n\n: heartbeat\n\n"

    let expected = [
        ServerSentEvent(name: "ticket.called", data: #"{"number":"A-023","counter":"1番窓口"}"#, id: "7"),
        ServerSentEvent(name: "message", data: "line one\nline two", id: "7"),
    ]

    @Test func wholeStream() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array(stream.utf8)) == expected)
    }

    /// One byte at a time splits UTF-8 sequences and CRLF pairs; the events must not change.
    @Test func byteByByte() {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for byte in stream.utf8 { events += parser.feed([byte]) }
        #expect(events == expected)
    }

    @Test func incompleteEventWaitsForBlankLine() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("event: ticket.issued\ndata: {}\n".utf8)).isEmpty)
        #expect(parser.feed(Array("\n".utf8)) == [ServerSentEvent(name: "ticket.issued", data: "{}")])
    }
}
