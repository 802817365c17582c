// SPDX-License-Identifier: Apache-2.0
// The ticket state changes a counter makes (recall, start, serve, no-show, park, pending, cancel):
// one command type, parameterised by the action, because they differ only in name and API path.
internal import MadoCore

/// One state change of a ticket, addressed as `POST /v1/tickets/{ticket}/{pathComponent}`.
public protocol TicketAction: Sendable {
    static var name: String { get }
    static var abstract: String { get }
    static var pathComponent: String { get }
}

/// `madoctl <action> <ticket>`.
public struct TicketActionCommand<Action: TicketAction>: Command {
    public static var name: String { Action.name }
    public static var abstract: String { Action.abstract }
    static var ticketArgument: PositionalSpec {
        PositionalSpec("ticket", help: "The ticket id, or today's number such as A-023.")
    }
    public static var signature: CommandSignature { CommandSignature(positionals: [ticketArgument]) }

    public let ticket: String

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        ticket = try arguments.positional(0, Self.ticketArgument)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(
            ticket, for: "<ticket>", command: Self.name, example: "a ticket id or today's number such as A-023")
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let path = "/v1/tickets/\(Validate.pathSegment(ticket))/\(Action.pathComponent)"
        let response = try context.client.post(path, json: .object(JSONObject()))
        try TicketActionOutput.write(response, request: "POST \(path)", ticket: ticket, context: context)
    }
}

/// The answer to a state change: the ticket as it is now.
enum TicketActionOutput {
    static func write(_ response: AdminResponse, request: String, ticket: String, context: CommandContext)
        throws(CLIError)
    {
        if context.json { return context.writeRaw(response.body) }
        if response.body.isEmpty { return context.output.write("\(ticket): done\n") }
        let updated = try AnswerReader.read(response.body, from: request) { $0.lenientObject(Ticket.read) }
        var line = "\(updated.number)  \(updated.serviceLabel): \(updated.state)"
        if let counter = updated.counter, updated.state != "waiting" { line += " at counter \(counter)" }
        context.output.write(line + "\n")
    }
}

public enum RecallAction: TicketAction {
    public static let name = "recall"
    public static let abstract = "Call a ticket again (the resident did not come yet)."
    public static let pathComponent = "recall"
}

public enum StartAction: TicketAction {
    public static let name = "start"
    public static let abstract = "Mark a called ticket as being served at its counter."
    public static let pathComponent = "start"
}

public enum ServeAction: TicketAction {
    public static let name = "serve"
    public static let abstract = "Mark a ticket as served (finished)."
    public static let pathComponent = "served"
}

public enum NoShowAction: TicketAction {
    public static let name = "noshow"
    public static let abstract = "Mark a called ticket as a no-show."
    public static let pathComponent = "noshow"
}

public enum ParkAction: TicketAction {
    public static let name = "park"
    public static let abstract = "Set a ticket aside (e.g. the resident fetches a document) to call it back later."
    public static let pathComponent = "park"
}

public enum PendingAction: TicketAction {
    public static let name = "pending"
    public static let abstract = "Put a ticket on hold pending another office's answer."
    public static let pathComponent = "pending"
}

public enum CancelAction: TicketAction {
    public static let name = "cancel"
    public static let abstract = "Cancel a ticket (the resident left or it was issued by mistake)."
    public static let pathComponent = "cancel"
}
