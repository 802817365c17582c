// SPDX-License-Identifier: Apache-2.0
// `madoctl queue`: who is waiting and what each counter is doing; `--watch` redraws on every event.
public import Foundation
internal import MadoCore

/// Shows the waiting tickets and the counters, once or live.
public struct QueueCommand: Command {
    public static let name = "queue"
    public static let abstract = "Show the waiting tickets and what each counter is serving."
    public static let discussion: String? =
        "With --watch the table is redrawn on every queue event until you press Ctrl-C."
    static let watchOption = OptionSpec.flag("--watch", help: "Redraw on every queue event until interrupted.")
    public static let signature = CommandSignature(options: [watchOption])

    public let watch: Bool

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        watch = arguments.flag(Self.watchOption)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        guard watch else { return context.output.write(try snapshot(context)) }
        context.output.write(try snapshot(context, redraw: true, cause: nil))
        var parser = ServerSentEventParser()
        var failure: CLIError?
        try context.client.stream("/v1/events") { chunk in
            for event in parser.feed(chunk) {
                do throws(CLIError) {
                    context.output.write(try snapshot(context, redraw: true, cause: event.name))
                } catch {
                    failure = error
                    return .stop
                }
            }
            return .continue
        }
        if let failure { throw failure }
    }

    /// Fetches both lists and renders them (as one JSON line with `--json`).
    private func snapshot(_ context: CommandContext, redraw: Bool = false, cause: String? = nil) throws(CLIError)
        -> String
    {
        let waitingResponse = try context.client.get("/v1/tickets?state=waiting")
        let countersResponse = try context.client.get("/v1/counters")
        if context.json {
            let waiting = String(decoding: waitingResponse.body, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            let counters = String(decoding: countersResponse.body, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            return "{\"waiting\":\(waiting),\"counters\":\(counters)}\n"
        }
        let waiting = try AnswerReader.read(waitingResponse.body, from: "GET /v1/tickets?state=waiting") {
            $0.array { $0.lenientObject(Ticket.read) }
        }
        let counters = try AnswerReader.read(countersResponse.body, from: "GET /v1/counters") {
            $0.array { $0.lenientObject(Counter.read) }
        }
        let table = Self.render(waiting: waiting, counters: counters, timeZone: context.timeZone)
        guard redraw else { return table }
        if context.isTerminal {
            // Home the cursor and clear the screen, so the table stays in place like `watch(1)`.
            let footer = "\nWatching madod's events" + (cause.map { " (last: \($0))" } ?? "") + "; Ctrl-C to stop.\n"
            return "\u{1B}[H\u{1B}[2J" + table + footer
        }
        return "--- " + (cause ?? "queue") + "\n" + table
    }

    /// The two tables, Japanese service and counter names aligned by display width.
    public static func render(waiting: [Ticket], counters: [Counter], timeZone: TimeZone) -> String {
        var text = "Waiting (\(waiting.count))\n"
        if waiting.isEmpty {
            text += "  nobody is waiting\n"
        } else {
            var table = TextTable(headers: ["NUMBER", "SERVICE", "ISSUED", "CALLS", "NOTE"])
            for ticket in waiting {
                table.append([
                    ticket.number, ticket.serviceLabel,
                    ticket.issuedAt.map { HumanFormat.timeOfDay($0, in: timeZone) } ?? "",
                    String(ticket.callCount), ticket.priority ? "priority" : "",
                ])
            }
            text += table.rendered()
        }
        text += "\nCounters (\(counters.count))\n"
        if counters.isEmpty {
            text += "  no counters configured\n"
        } else {
            var table = TextTable(headers: ["COUNTER", "NAME", "STATE", "SERVING", "SERVICES"])
            for counter in counters {
                let serving = counter.current.map { "\($0.number) (\($0.state))" } ?? "-"
                table.append([
                    counter.id, counter.name, counter.open ? "open" : "closed", serving,
                    counter.services.joined(separator: ", "),
                ])
            }
            text += table.rendered()
        }
        return text
    }
}
