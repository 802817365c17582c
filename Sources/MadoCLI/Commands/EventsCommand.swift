// SPDX-License-Identifier: Apache-2.0
// `madoctl events`: madod's live event stream as it arrives, for a technician watching the system.
internal import Foundation
internal import MadoCore

/// Prints `GET /v1/events` until interrupted: raw, or one JSON object per event with `--json`.
public struct EventsCommand: Command {
    public static let name = "events"
    public static let abstract = "Print madod's live event stream until interrupted."
    public static let discussion: String? =
        "Without --json the stream is printed exactly as sent (text/event-stream, heartbeats included).\n"
        + "With --json each event is one line: {\"event\":NAME,\"data\":DATA}."
    public static let signature = CommandSignature()

    public init(parsing arguments: ParsedArguments) throws(CLIError) {}

    public func run(in context: CommandContext) throws(CLIError) {
        var parser = ServerSentEventParser()
        try context.client.stream("/v1/events") { chunk in
            guard context.json else {
                context.output.write(chunk)
                return .continue
            }
            for event in parser.feed(chunk) { context.output.write(Self.jsonLine(event)) }
            return .continue
        }
    }

    /// `{"event":"ticket.called","data":{…}}`: data that is JSON is embedded, anything else is a string.
    static func jsonLine(_ event: ServerSentEvent) -> String {
        let data = (try? JSONParser.parse(event.data)) ?? .string(event.data)
        return JSONValue.object(JSONObject([("event", .string(event.name)), ("data", data)])).serialized() + "\n"
    }
}
