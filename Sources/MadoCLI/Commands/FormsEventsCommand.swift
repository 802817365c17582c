// SPDX-License-Identifier: Apache-2.0
// `madoctl forms events`: the life events madod can interview for, and what each asks.
internal import MadoCore

/// Lists the configured life events (config/life-events.json) with their ids and Japanese names.
public struct FormsEventsCommand: Command {
    public static let name = "forms events"
    public static let abstract = "List the life events (move-in, death, birth…) and how many questions each asks."
    public static let signature = CommandSignature()

    public init(parsing arguments: ParsedArguments) throws(CLIError) {}

    public func run(in context: CommandContext) throws(CLIError) {
        let response = try context.client.get("/v1/life-events")
        if context.json { return context.writeRaw(response.body) }
        let events = try AnswerReader.read(response.body, from: "GET /v1/life-events") { element in
            element.lenientObject { r in
                r.array("events") { event in
                    event.lenientObject { e -> [String]? in
                        guard let id = e.requiredString("id"), let name = e.requiredString("name") else { return nil }
                        let fields = e.element("fields").map { field -> Int in
                            if case .array(let items) = field.value { return items.count }
                            return 0
                        }
                        return [id, name, fields.map(String.init) ?? "-"]
                    }
                }
            }
        }
        var table = TextTable(headers: ["EVENT", "NAME", "QUESTIONS"])
        for row in events { table.append(row) }
        context.output.write(table.rendered())
    }
}
