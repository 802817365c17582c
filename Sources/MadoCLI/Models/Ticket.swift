// SPDX-License-Identifier: Apache-2.0
// madoctl's view of a queue ticket as madod sends it.
internal import MadoCore

/// A numbered ticket (`A-023`) waiting for, or being served at, a counter.
public struct Ticket: Sendable, Equatable {
    public var id: String
    public var number: String
    public var service: String
    public var serviceName: String?
    public var state: String
    public var priority: Bool
    public var issuedAt: String?
    public var callCount: Int
    public var lastCalledAt: String?
    public var counter: String?
    public var peopleAhead: Int?
    /// The daemon's estimate of the wait in minutes (a reference value, never a promise).
    public var estimate: ClosedRange<Int>?
    public var statusURL: String?
    /// For a ticket just issued on a kiosk printer: "confirmed" (the printer reported it printed) or
    /// "sent" (the printer took it but cannot confirm); nil when it was not printed.
    public var printed: String?

    static func read(_ r: JSONObjectReader) -> Ticket? {
        let id = r.requiredString("id")
        let number = r.requiredString("number")
        let service = r.requiredString("service")
        let state = r.requiredString("state")
        let estimate: ClosedRange<Int>?? = r.lenientObject("estimate") { e in
            guard let low = e.requiredInt("minMinutes"), let high = e.requiredInt("maxMinutes") else { return nil }
            return min(low, high)...max(low, high)
        }
        guard let id, let number, let service, let state else { return nil }
        return Ticket(
            id: id, number: number, service: service, serviceName: r.string("serviceName"), state: state,
            priority: r.bool("priority", default: false), issuedAt: r.string("issuedAt"),
            callCount: r.int("callCount") ?? 0, lastCalledAt: r.string("lastCalledAt"), counter: r.string("counter"),
            peopleAhead: r.int("peopleAhead"), estimate: estimate ?? nil, statusURL: r.string("statusURL"),
            printed: r.string("printed"))
    }

    /// The service's display name, or its id when the daemon sent none.
    public var serviceLabel: String { serviceName ?? service }
}
