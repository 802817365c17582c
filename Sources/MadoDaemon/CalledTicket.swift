// SPDX-License-Identifier: Apache-2.0
// A call as the `ticket.called` event tells it, read once for every consumer inside madod.
import MadoCore

/// The facts of a call that the announcer and the serial boards need, from a `ticket.called`
/// event's data (`QueueJSON.ticket`). Names fall back to the ids when the event has none.
struct CalledTicket: Sendable, Equatable {
    let number: String
    let counter: String
    let counterName: String
    let service: String
    let serviceName: String
    let callCount: Int

    /// Nil when the data is not a ticket with a number, a service and a counter.
    init?(eventData data: String) {
        guard case .object(let ticket)? = try? JSONParser.parse(data),
            case .string(let number)? = ticket["number"], case .string(let counter)? = ticket["counter"],
            case .string(let service)? = ticket["service"]
        else { return nil }
        func text(_ key: String, or fallback: String) -> String {
            if case .string(let value)? = ticket[key] { return value }
            return fallback
        }
        self.number = number
        self.counter = counter
        self.counterName = text("counterName", or: counter)
        self.service = service
        self.serviceName = text("serviceName", or: service)
        if case .number(let count)? = ticket["callCount"], let value = Int(count) {
            callCount = value
        } else {
            callCount = 1
        }
    }
}
