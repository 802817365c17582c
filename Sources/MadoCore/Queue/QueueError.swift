// SPDX-License-Identifier: Apache-2.0
// Why the queue engine refused a command, in words staff and technicians can act on.

/// A refused command. The message names tickets by their printed number, never by anything personal.
public struct QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No such ticket, counter or service (API: 404).
        case notFound
        /// The ticket's state does not allow the action (API: 409).
        case invalidTransition
        /// The service is not issuing now: outside its hours, or switched off (API: 409).
        case closed
        /// The service has used every number of its range today (API: 409).
        case exhausted
        /// A recall sooner than the cooldown allows (API: 429 or 409).
        case tooSoon
        /// A malformed request, e.g. an unknown priority category (API: 400).
        case invalid
    }

    public let kind: Kind
    public let message: String
    /// The request field at fault, when there is one ("service", "priority", "number").
    public let field: String?

    public init(_ kind: Kind, _ message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
