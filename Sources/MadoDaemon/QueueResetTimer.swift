// SPDX-License-Identifier: Apache-2.0
// Ends the business day at the configured reset time even when nobody issues or calls a ticket.
import Foundation
import MadoCore
import MadoStore
import MadoSystem

/// The daily reset timer. It checks at least every 30 s rather than sleeping until the reset time,
/// so that a clock step (NTP at boot, a suspended VM) delays the reset by at most that long; the
/// engine also prepends a due reset to the next command, so the timer only makes it punctual.
enum QueueResetTimer {
    static let longestSleep = 30.0

    static func start(queue: QueueService, log: Logger) -> Task<Void, Never> {
        Task {
            var failing = false
            while !Task.isCancelled {
                do {
                    try await queue.resetIfDue()
                    if failing { log.notice("queue: the daily reset timer works again") }
                    failing = false
                } catch {
                    // Logged once per outage, not every 30 s; the next attempt comes on the next tick.
                    if !failing { log.error("queue: the daily reset could not be stored and is retried: \(error)") }
                    failing = true
                }
                let wait = await queue.secondsUntilNextReset()
                try? await Task.sleep(for: .milliseconds(Int(min(wait, longestSleep) * 1000)))
            }
        }
    }

    /// Renders the KPI rows of finished days not yet in the cache, in the background (after a
    /// daily reset, and at start for logs imported or written by an older madod).
    static func cacheFinishedDays(database: Database, config: QueueConfiguration, log: Logger) {
        DispatchQueue.global(qos: .utility).async { @Sendable in
            do {
                let count = try QueueKPIExporter.cacheFinishedDays(database: database, config: config)
                if count > 0 { log.info("queue: KPI rows of \(count) finished business day(s) cached") }
            } catch {
                log.warning("queue: cannot cache KPI rows of finished days (exports compute them instead): \(error)")
            }
        }
    }
}
