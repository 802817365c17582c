// SPDX-License-Identifier: Apache-2.0
// `madoctl ticket issue`: issue a numbered ticket as the kiosk would (useful to test a new service).
internal import MadoCore

/// Issues a ticket for a service and shows its number, the people ahead and the wait estimate.
public struct TicketIssueCommand: Command {
    public static let name = "ticket issue"
    public static let abstract = "Issue a numbered ticket for a service, as the kiosk does."
    static let serviceOption = OptionSpec.value("--service", "id", required: true, help: "The service to queue for.")
    static let priorityOption = OptionSpec.flag(
        "--priority", help: "Issue a priority ticket (served before ordinary ones).")
    public static let signature = CommandSignature(options: [serviceOption, priorityOption])

    public let service: String
    public let priority: Bool

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        service = try arguments.required(Self.serviceOption)
        priority = arguments.flag(Self.priorityOption)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(service, for: Self.serviceOption.synopsis, command: Self.name)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let body = JSONValue.object(JSONObject([("service", .string(service)), ("priority", .bool(priority))]))
        let response = try context.client.post("/v1/tickets", json: body)
        if context.json { return context.writeRaw(response.body) }
        let ticket = try AnswerReader.read(response.body, from: "POST /v1/tickets") { $0.lenientObject(Ticket.read) }
        context.output.write(Self.render(ticket))
    }

    /// `A-023  住民票の写し` then people ahead and the estimate.
    public static func render(_ ticket: Ticket) -> String {
        var text = "Issued \(ticket.number)  \(ticket.serviceLabel)\(ticket.priority ? "  (priority)" : "")\n"
        if let ahead = ticket.peopleAhead { text += "People ahead: \(ahead)\n" }
        if let estimate = ticket.estimate { text += "Estimated wait: \(HumanFormat.estimate(estimate))\n" }
        if let url = ticket.statusURL { text += "Status page: \(url)\n" }
        return text
    }
}
