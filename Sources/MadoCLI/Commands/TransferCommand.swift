// SPDX-License-Identifier: Apache-2.0
// `madoctl transfer`: move a ticket to another service's queue, keeping its number.
internal import MadoCore

/// Moves a ticket to another service.
public struct TransferCommand: Command {
    public static let name = "transfer"
    public static let abstract = "Move a ticket to another service's queue."
    static let ticketArgument = PositionalSpec("ticket", help: "The ticket id, or today's number such as A-023.")
    static let toOption = OptionSpec.value("--to", "service", required: true, help: "The service to move it to.")
    public static let signature = CommandSignature(options: [toOption], positionals: [ticketArgument])

    public let ticket: String
    public let service: String

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        service = try arguments.required(Self.toOption)
        ticket = try arguments.positional(0, Self.ticketArgument)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(
            ticket, for: "<ticket>", command: Self.name, example: "a ticket id or today's number such as A-023")
        try Validate.identifier(service, for: Self.toOption.synopsis, command: Self.name)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let path = "/v1/tickets/\(Validate.pathSegment(ticket))/transfer"
        let response = try context.client.post(path, json: .object(JSONObject([("service", .string(service))])))
        try TicketActionOutput.write(response, request: "POST \(path)", ticket: ticket, context: context)
    }
}
