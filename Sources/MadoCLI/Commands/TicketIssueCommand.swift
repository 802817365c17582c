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
    static let printerOption = OptionSpec.value(
        "--printer", "id",
        help: "Print on this ticket printer (default: the only one configured; none when there are several).")
    public static let signature = CommandSignature(options: [serviceOption, priorityOption, printerOption])

    public let service: String
    public let priority: Bool
    public let printer: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        service = try arguments.required(Self.serviceOption)
        priority = arguments.flag(Self.priorityOption)
        printer = arguments.value(Self.printerOption)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(service, for: Self.serviceOption.synopsis, command: Self.name)
        if let printer { try Validate.identifier(printer, for: Self.printerOption.synopsis, command: Self.name) }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        var members: [(String, JSONValue)] = [("service", .string(service)), ("priority", .bool(priority))]
        if let printer { members.append(("printer", .string(printer))) }
        let body = JSONValue.object(JSONObject(members))
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
        switch ticket.printed {
        case "confirmed"?: text += "Printed: yes (the printer confirmed it)\n"
        case "sent"?: text += "Printed: sent to the printer (it cannot confirm)\n"
        default: break
        }
        return text
    }
}
