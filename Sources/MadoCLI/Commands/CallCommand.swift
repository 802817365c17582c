// SPDX-License-Identifier: Apache-2.0
// `madoctl call`: call the next ticket (or a given one) to a counter, as the counter PC does.
internal import MadoCore

/// Calls the next waiting ticket, or the one named by `--number`, to a counter.
public struct CallCommand: Command {
    public static let name = "call"
    public static let abstract = "Call the next waiting ticket (or a given number) to a counter."
    static let counterOption = OptionSpec.value("--counter", "id", required: true, help: "The counter that calls.")
    static let numberOption = OptionSpec.value(
        "--number", "number", help: "Call this ticket (today's number, e.g. A-023) instead of the next one.")
    public static let signature = CommandSignature(options: [counterOption, numberOption])

    public let counter: String
    public let number: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        counter = try arguments.required(Self.counterOption)
        number = arguments.value(Self.numberOption)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(counter, for: Self.counterOption.synopsis, command: Self.name)
        if let number {
            try Validate.identifier(
                number, for: Self.numberOption.synopsis, command: Self.name, example: "a ticket number such as A-023")
        }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let path = "/v1/counters/\(Validate.pathSegment(counter))/call"
        let body = JSONValue.object(JSONObject(number.map { [("number", .string($0))] } ?? []))
        let response = try context.client.post(path, json: body)
        if context.json { return context.writeRaw(response.body) }
        let ticket = try AnswerReader.read(response.body, from: "POST \(path)") { element -> Ticket?? in
            if element.value == .null { return .some(nil) }
            return element.lenientObject(Ticket.read).map { .some($0) }
        }
        guard let ticket else {
            return context.output.write("No ticket is waiting for counter \(counter).\n")
        }
        context.output.write(
            "Called \(ticket.number)  \(ticket.serviceLabel) to counter \(ticket.counter ?? counter)"
                + (ticket.callCount > 1 ? " (call \(ticket.callCount))" : "") + "\n")
    }
}
