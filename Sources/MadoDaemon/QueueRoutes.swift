// SPDX-License-Identifier: Apache-2.0
// The ticket queue's routes: the kiosk issues, counters call and move tickets, anyone with the
// ticket's QR code sees its status.
import Foundation
import MadoCore
import MadoServer
import MadoSystem

/// POST /v1/tickets, /v1/counters/{id}/call|open|close, /v1/tickets/{id}/<action>; GET /v1/tickets,
/// /v1/tickets/{id}, /v1/counters and /v1/t/{token} (the JSON behind the phone page /t/{token}).
enum QueueRoutes {
    static let counterAccess = RouteAccess.token(role: "counter")
    /// Lists are for counter PCs and the hall display.
    static let viewAccess = RouteAccess.token(roles: ["counter", "display"])

    /// The ticket actions, in the order they are documented: path component and command.
    static let actions: [(name: String, command: @Sendable (String) -> QueueCommand)] = [
        ("recall", { .recall(ticket: $0) }),
        ("start", { .start(ticket: $0) }),
        ("park", { .park(ticket: $0) }),
        ("pending", { .pending(ticket: $0) }),
        ("noshow", { .noShow(ticket: $0) }),
        ("served", { .served(ticket: $0) }),
        ("cancel", { .cancel(ticket: $0) }),
        ("return", { .returnToQueue(ticket: $0) }),
    ]

    static func routes(_ context: DaemonContext) -> [Route] {
        var routes = [
            Route("POST", "/v1/tickets", access: .token(role: "kiosk")) { request, _ in
                try await issue(request, context)
            },
            Route("POST", "/v1/counters/{id}/call", access: counterAccess) { request, parameters in
                let counter = parameters["id"]
                let number = try request.decodeBody { r -> String?? in .some(r.string("number")) }
                let command =
                    number.map { QueueCommand.callNumber(counter: counter, number: $0) } ?? .callNext(counter: counter)
                let answer = try await service(context).execute(command) { state, config, events, now in
                    guard let id = QueueEngine.calledTicket(in: events), let ticket = state.tickets[id] else {
                        return .null
                    }
                    return QueueJSON.ticket(ticket, in: state, config: config, now: now)
                }
                return json(answer)
            },
            counterRoute(context, "open") { .openCounter(counter: $0) },
            counterRoute(context, "close") { .closeCounter(counter: $0) },
            Route("POST", "/v1/tickets/{id}/transfer", access: counterAccess) { request, parameters in
                let target = try request.decodeBody { r in r.requiredString("service") }
                return try await ticketAction(context, .transfer(ticket: parameters["id"], service: target))
            },
            Route("GET", "/v1/tickets", access: viewAccess) { request, _ in
                try onlyQueryKeys(["state"], in: request)
                var filter: TicketState?
                if let text = request.query["state"] {
                    guard let state = TicketState(rawValue: text) else {
                        let states = TicketState.allCases.map(\.rawValue).joined(separator: ", ")
                        throw APIError.badRequest(
                            code: "invalid_field",
                            message: "unknown ticket state \"\(text)\"; expected one of \(states)",
                            field: "state")
                    }
                    filter = state
                }
                return .shared(
                    try await service(context).ticketList(filter: filter), contentType: "application/json")
            },
            Route("GET", "/v1/tickets/{id}", access: viewAccess) { _, parameters in
                let reference = parameters["id"]
                let found = try await service(context).read { state, config, now -> JSONValue? in
                    state.ticket(reference).map { QueueJSON.ticket($0, in: state, config: config, now: now) }
                }
                guard let found else { throw APIError.notFound("there is no ticket \"\(reference)\" today") }
                return json(found)
            },
            Route("GET", "/v1/counters", access: viewAccess) { _, _ in
                json(
                    try await service(context).read { state, config, now in
                        QueueJSON.counters(in: state, config: config)
                    })
            },
            // The token is the only credential: an unknown one gets the same bare 404 as a bad path,
            // and nothing here is logged.
            Route("GET", "/v1/t/{token}", access: .open) { _, parameters in
                let token = parameters["token"]
                let notFound = HTTPResponse.text("not found\n", status: 404)
                guard let queue = context.queue else { return notFound }
                let found = await queue.read { state, config, now -> JSONValue? in
                    state.ticket(token: token).map { QueueJSON.status($0, in: state, config: config, now: now) }
                }
                guard let found else { return notFound }
                var response = json(found)
                response.headers.append(("Cache-Control", "no-store"))
                return response
            },
        ]
        for action in actions {
            routes.append(
                Route("POST", "/v1/tickets/{id}/\(action.name)", access: counterAccess) { request, parameters in
                    try request.decodeBody { _ in () }  // no fields; an unknown one is a client bug worth a 400
                    return try await ticketAction(context, action.command(parameters["id"]))
                })
        }
        return routes
    }

    // MARK: Handlers

    private struct IssueRequest {
        let service: String
        let category: String?
        let printer: String?
    }

    private static func issue(_ request: HTTPRequest, _ context: DaemonContext) async throws -> HTTPResponse {
        let queue = try service(context)
        let categories = context.config.queue?.configuration.priorityCategories ?? []
        let body = try request.decodeBody { r -> IssueRequest? in
            let service = r.requiredString("service")
            let priority = r.bool("priority")
            var category = r.string("category")
            if category != nil, priority == false {
                r.problem("category", "a priority category needs \"priority\": true (or leave \"priority\" out)")
            } else if let given = category, !categories.contains(given) {
                let known = categories.isEmpty ? "none" : categories.joined(separator: ", ")
                r.problem("category", "unknown priority category \"\(given)\" (configured: \(known))")
            } else if priority == true, category == nil {
                if let first = categories.first {
                    category = first
                } else {
                    r.problem("priority", "this site has no priority categories (queue.priorityCategories is empty)")
                }
            }
            let printer = r.string("printer")
            return service.map { IssueRequest(service: $0, category: category, printer: printer) }
        }
        let kiosk = request.listener == .lan ? request.bearerToken.flatMap(context.settings.deviceID(ofToken:)) : nil
        let printer = try context.printers.printer(named: body.printer, kiosk: kiosk)
        // Ask first, so that a kiosk out of paper takes no number: the resident is sent to the
        // other kiosk and the day's figures count only tickets someone holds.
        if let printer, let problem = await context.printers.problem(of: printer) {
            throw printerUnavailable(printer, problem)
        }
        let token = QueueStatusToken.make()
        let statusURL = QueueStatusToken.statusURL(token: token, publicBaseURL: context.config.lan.publicBaseURL)
        let answer = try await queue.issue(
            service: body.service, category: body.category, token: token, statusURL: statusURL,
            printing: printer != nil)
        guard let printer else { return json(answer, status: 201) }
        return json(try await print(answer, on: printer, queue: queue, context: context), status: 201)
    }

    /// Prints an issued ticket and answers with it and `"printed"`. A ticket that does not come out
    /// (paper ran out on the way, printer unplugged) is cancelled, so its number is never called,
    /// and the kiosk gets the refusal.
    private static func print(
        _ answer: JSONValue, on printer: KioskPrinters.Entry, queue: QueueService, context: DaemonContext
    ) async throws -> JSONValue {
        let zone = context.config.queue?.configuration.timeZone ?? TimeZone(identifier: "Asia/Tokyo")!
        var id: String?
        var number: String?
        if case .object(let object) = answer {
            if case .string(let value)? = object["id"] { id = value }
            if case .string(let value)? = object["number"] { number = value }
        }
        let failure: String
        switch await context.printers.print(answer, on: printer, timeZone: zone) {
        case .printed(let confirmed):
            if let id { await queue.printingFinished(id) }
            guard case .object(var object) = answer else { return answer }
            object.append("printed", .string(confirmed ? "confirmed" : "sent"))
            return .object(object)
        case .notPrinted(let reason): failure = reason
        }
        if let id {
            // Cancelled before call-next may see it: nobody holds this number. If even the cancel
            // cannot be stored, the ticket stays passed over until the mark expires.
            do {
                _ = try await queue.execute(.cancel(ticket: id)) { _, _, _, _ in .null }
                await queue.printingFinished(id)
            } catch {
                context.log.error(
                    "ticket printer \(printer.config.id): ticket \(number ?? "?") was not printed and could not be "
                        + "cancelled: \(error)")
            }
        }
        context.log.error(
            "ticket printer \(printer.config.id): ticket \(number ?? "?") was cancelled because it was not printed: "
                + failure)
        throw printerUnavailable(printer, failure, cancelled: number)
    }

    /// The kiosk's refusal. `cancelled`: the number taken and cancelled because it did not print.
    private static func printerUnavailable(
        _ printer: KioskPrinters.Entry, _ reason: String, cancelled: String? = nil
    ) -> APIError {
        let outcome = cancelled.map { "ticket \($0) was not printed and is cancelled" } ?? "no ticket was issued"
        return APIError(
            status: 503, code: "printer_unavailable",
            message: "the ticket printer \(printer.config.id) cannot print (\(reason)); \(outcome). "
                + "Please use another kiosk or call staff.",
            field: nil, headers: ["Retry-After": "30"])
    }

    private static func counterRoute(
        _ context: DaemonContext, _ action: String, _ command: @escaping @Sendable (String) -> QueueCommand
    ) -> Route {
        Route("POST", "/v1/counters/{id}/\(action)", access: counterAccess) { request, parameters in
            try request.decodeBody { _ in () }
            let id = parameters["id"]
            let answer = try await service(context).execute(command(id)) { state, config, _, now in
                guard let definition = config.counter(id) else { return .null }
                return QueueJSON.counter(definition, in: state, config: config)
            }
            return json(answer)
        }
    }

    /// Runs a ticket command and answers with the ticket as it is afterwards.
    private static func ticketAction(_ context: DaemonContext, _ command: QueueCommand) async throws -> HTTPResponse {
        let answer = try await service(context).execute(command) { state, config, events, now in
            guard let id = events.last(where: { $0.ticketID != nil })?.ticketID, let ticket = state.tickets[id] else {
                return .null
            }
            return QueueJSON.ticket(ticket, in: state, config: config, now: now)
        }
        return json(answer)
    }

    // MARK: Helpers

    static func service(_ context: DaemonContext) throws(APIError) -> QueueService {
        guard let queue = context.queue else {
            throw APIError.unavailable(
                "the ticket queue is not configured; add a \"queue\" section to \(context.config.path) and restart madod"
            )
        }
        return queue
    }

    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        .bytes(QueueJSONWriter.data(value), contentType: "application/json", status: status)
    }

    /// Refuses query parameters a route does not know, naming the first.
    static func onlyQueryKeys(_ known: Set<String>, in request: HTTPRequest) throws(APIError) {
        if let unknown = request.query.keys.sorted().first(where: { !known.contains($0) }) {
            let expected = known.isEmpty ? "none" : known.sorted().joined(separator: ", ")
            throw APIError.badRequest(
                code: "invalid_field", message: "unknown query parameter \"\(unknown)\" (expected: \(expected))",
                field: unknown)
        }
    }
}
