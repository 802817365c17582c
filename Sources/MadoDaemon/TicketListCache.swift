// SPDX-License-Identifier: Apache-2.0
// Serialised ticket lists shared by every reader, built outside the queue actor.
import Dispatch
import Foundation
import MadoCore
import MadoServer
import Synchronization

/// The `GET /v1/tickets` answers by filter, each for the committed version it was built from.
///
/// Lists are built here, on a queue of their own, not on the `QueueService` actor nor on Swift's
/// cooperative pool: a busy day's list is hundreds of kilobytes, the actor must keep committing
/// kiosk and counter commands meanwhile, and a pool thread waiting for another reader's build
/// would be one of only as many threads as cores. The actor hands over only what changed
/// (`TicketListSource`); readers of the same version share one build.
final class TicketListCache: @unchecked Sendable {
    // @unchecked: `contents` is only touched on `queue`; `heldNow` is a Mutex.
    /// How long a list may be served when nothing was committed: only its wait estimates age.
    static let maximumAge = 5.0

    /// What the builder holds, so the queue sends only what changed since.
    struct Held: Sendable {
        let version: UInt64?
        let configGeneration: UInt64
        let ticketCount: Int
    }

    private struct Contents {
        var builder = TicketListBuilder()
        var lists: [String: (version: UInt64, builtAt: Date, data: SharedBytes)] = [:]
    }

    private var contents = Contents()
    private let queue = DispatchQueue(label: "mado.ticket-lists")
    /// The builder's position after the last build, readable without waiting for the one running.
    private let heldNow = Mutex(Held(version: nil, configGeneration: 0, ticketCount: 0))

    var held: Held { heldNow.withLock { $0 } }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable (TicketListCache) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { @Sendable in continuation.resume(returning: body(self)) }
        }
    }

    /// The list for `filter` once `source` is applied; nil when the source's changes do not start
    /// from what is held (another reader reset it meanwhile): ask the queue for everything then.
    func list(from source: TicketListSource, filter: TicketState?) async -> SharedBytes? {
        await onQueue { cache in cache.build(from: source, filter: filter) }
    }

    private func build(from source: TicketListSource, filter: TicketState?) -> SharedBytes? {
        let key = filter?.rawValue ?? ""
        guard contents.builder.canApply(source) else { return nil }
        contents.builder.apply(source)
        guard let version = contents.builder.version else { return nil }
        // Fields, not the builder: a copy alive while it is mutated below would copy the whole day.
        let held = Held(
            version: version, configGeneration: contents.builder.configGeneration,
            ticketCount: contents.builder.ticketCount)
        heldNow.withLock { $0 = held }
        let now = contents.builder.now
        if let cached = contents.lists[key], cached.version == version,
            now.timeIntervalSince(cached.builtAt) < Self.maximumAge
        {
            return cached.data
        }
        let data = contents.builder.list(filter: filter)
        contents.lists[key] = (version, now, data)
        return data
    }
}
