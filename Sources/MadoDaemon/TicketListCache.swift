// SPDX-License-Identifier: Apache-2.0
// Serialised ticket lists shared by every reader, built outside the queue actor.
import Foundation
import MadoCore
import Synchronization

/// The `GET /v1/tickets` answers by filter, each for the committed version it was built from.
///
/// Lists are built here, on the reader's task, from a snapshot of the committed state, not on the
/// `QueueService` actor: a busy day's list takes milliseconds, and the actor must keep committing
/// kiosk and counter commands meanwhile. Readers of the same version share one build.
final class TicketListCache: Sendable {
    /// What a list is built from, taken from the queue actor in one step.
    struct Source: Sendable {
        let state: QueueState
        let config: QueueConfiguration
        /// Counts committed batches: a list of an older version is stale.
        let version: UInt64
        /// Counts configuration reloads: serialised names of an older one are stale.
        let configGeneration: UInt64
        let now: Date
    }

    /// How long a list may be served when nothing was committed: only its wait estimates age.
    static let maximumAge = 5.0

    private struct Contents {
        var builder = TicketListBuilder()
        var configGeneration: UInt64 = 0
        var lists: [String: (version: UInt64, builtAt: Date, data: Data)] = [:]
    }

    private let contents = Mutex(Contents())

    func list(from source: Source, filter: TicketState?) -> Data {
        let key = filter?.rawValue ?? ""
        return contents.withLock { contents in
            if let cached = contents.lists[key], cached.version == source.version,
                source.now.timeIntervalSince(cached.builtAt) < Self.maximumAge
            {
                return cached.data
            }
            if source.configGeneration != contents.configGeneration {
                contents.builder.removeAll()
                contents.configGeneration = source.configGeneration
            }
            let data = contents.builder.list(of: source.state, filter: filter, config: source.config, now: source.now)
            // A reader holding an older snapshot must not replace a newer list.
            if (contents.lists[key]?.version ?? 0) <= source.version {
                contents.lists[key] = (source.version, source.now, data)
            }
            return data
        }
    }
}
