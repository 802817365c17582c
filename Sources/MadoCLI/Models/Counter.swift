// SPDX-License-Identifier: Apache-2.0
// madoctl's view of a service counter (窓口) as madod sends it.
internal import MadoCore

/// A counter, the services it handles, and the ticket it is serving now.
public struct Counter: Sendable, Equatable {
    public var id: String
    public var name: String
    public var services: [String]
    public var current: Ticket?
    public var open: Bool

    static func read(_ r: JSONObjectReader) -> Counter? {
        let id = r.requiredString("id")
        let name = r.string("name")
        let services = r.stringArray("services") ?? []
        let current = r.lenientObject("current", Ticket.read)
        let open = r.bool("open", default: true)
        guard let id else { return nil }
        return Counter(id: id, name: name ?? id, services: services, current: current, open: open)
    }
}
