// SPDX-License-Identifier: Apache-2.0
// Which of the daemon's events a hall board gets, and in what form: a board is open on the LAN, so
// it gets calls of its own services and nothing that names a ticket's id, category or token.
import MadoCore

/// Turns one daemon event into the event a display's stream carries, or nil when the display does
/// not need it.
///
/// - `display.call` `{"number","counter","counterName","service","serviceName","calledAt"}`: a call
///   (or recall, or pickup call) of one of the display's services.
/// - `display.changed` `{}`: something that moves the waiting counts or the list of calls (an
///   issue, a served or returned ticket, a transfer, a switched-off service, a reload); the board
///   asks for the state again.
/// - `display.reset` `{}`: the business day ended; the board empties.
/// - `display.announce`: the announcement (chime and speech) for the display's zone, as published.
enum DisplayEventFilter {
    static func translate(type: String, data: String, for display: DisplayConfiguration) -> (
        type: String, json: String
    )? {
        switch type {
        case "display.announce":
            guard let object = parseObject(data), case .string(let zone)? = object["zone"], zone == display.zone else {
                return nil
            }
            return (type, data)
        case "queue.reset": return ("display.reset", "{}")
        case "daemon.reloaded": return ("display.changed", "{}")
        case "service.switched":
            guard let object = parseObject(data), case .string(let service)? = object["service"],
                display.shows(service: service)
            else { return nil }
            return ("display.changed", "{}")
        case "ticket.transferred":
            // The ticket left a service the event no longer names: any board may have a count to fix.
            return ("display.changed", "{}")
        case _ where type.hasPrefix("ticket."):
            guard let object = parseObject(data), case .string(let service)? = object["service"],
                display.shows(service: service)
            else { return nil }
            if type == "ticket.called", let call = DisplayState.call(fromTicketEvent: object) {
                return ("display.call", QueueJSONWriter.string(call))
            }
            return ("display.changed", "{}")
        default: return nil
        }
    }

    private static func parseObject(_ data: String) -> JSONObject? {
        guard case .object(let object)? = try? JSONParser.parse(data) else { return nil }
        return object
    }
}
