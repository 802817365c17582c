// SPDX-License-Identifier: Apache-2.0
// The pages residents see: the hall board with its state and event stream, and a ticket's status
// page on a phone. All open on the LAN: a board or a phone has no token.
import Foundation
import MadoCore
import MadoServer

/// GET /display/{id}, /display/{id}/events, /v1/display/{id}/state and /t/{token}.
enum DisplayRoutes {
    static func routes(_ context: DaemonContext) -> [Route] {
        let relay = DisplayEventRelay(source: context.broadcaster, displays: { context.config.displays })
        return [
            Route("GET", "/v1/display/{id}/state", access: .open) { _, parameters in
                guard let display = webDisplay(parameters["id"], context) else {
                    throw APIError.notFound("there is no web display \"\(parameters["id"])\" in the configuration")
                }
                let queue = try QueueRoutes.service(context)
                let state = await queue.read { state, config, now in
                    DisplayState.json(display: display, queue: state, config: config, now: now)
                }
                return noStore(QueueRoutes.json(state))
            },
            Route("GET", "/display/{id}", access: .open) { _, parameters in
                guard let display = webDisplay(parameters["id"], context) else { return notFound }
                let initial: JSONValue
                if let queue = context.queue {
                    initial = await queue.read { state, config, now in
                        DisplayState.json(display: display, queue: state, config: config, now: now)
                    }
                } else {
                    initial = DisplayState.json(display: display, queue: QueueState(), config: nil, now: Date())
                }
                return noStore(
                    .text(
                        DisplayPage.html(displayID: display.id, title: display.title, initialState: initial),
                        contentType: "text/html; charset=utf-8"))
            },
            Route("GET", "/display/{id}/events", access: .open) { request, parameters in
                guard let display = webDisplay(parameters["id"], context) else { return notFound }
                return .eventStream(relay.subscribe(display: display.id, lastEventID: request.lastEventID))
            },
            // The token is the only credential: an unknown one gets the same bare 404 as a bad path,
            // and nothing here is logged.
            Route("GET", "/t/{token}", access: .open) { _, parameters in
                guard let queue = context.queue else { return notFound }
                let token = parameters["token"]
                let status = await queue.read { state, config, now -> JSONValue? in
                    state.ticket(token: token).map { QueueJSON.status($0, in: state, config: config, now: now) }
                }
                guard let status else { return notFound }
                return noStore(.text(TicketStatusPage.html(status: status), contentType: "text/html; charset=utf-8"))
            },
        ]
    }

    static var notFound: HTTPResponse { .text("not found\n", status: 404) }

    /// The configured web display `id` (a serial board has no page).
    static func webDisplay(_ id: String, _ context: DaemonContext) -> DisplayConfiguration? {
        context.config.displays.first { $0.id == id && $0.kind == .web }
    }

    private static func noStore(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.append(("Cache-Control", "no-store"))
        return response
    }
}
