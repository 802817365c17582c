// SPDX-License-Identifier: Apache-2.0
// What kiosks, counters and staff ask the queue to do.

/// A request to change the queue. `ticket` accepts an id ("20261203-A-023") or today's number ("A-023").
public enum QueueCommand: Sendable, Equatable {
    /// Issue a ticket. `priority` is one of the configured categories, or nil. `token` is the
    /// status-page token the caller generated (random, unguessable); the engine has no randomness.
    case issue(service: String, priority: String?, token: String)
    /// Call the next ticket by the counter's rule. A ticket still at the counter is served first.
    case callNext(counter: String)
    /// Call a number out of order (任意番号呼出): a waiting, parked or pending (→ pickup) ticket, or a
    /// no-show within the return window.
    case callNumber(counter: String, number: String)
    /// Call again (再呼出); after the configured number of recalls it becomes a no-show instead.
    case recall(ticket: String)
    /// The resident arrived at the counter.
    case start(ticket: String)
    /// Hold (保留) the ticket; the counter is free to call others.
    case park(ticket: String)
    /// The resident will come back for papers; the ticket waits for a pickup call.
    case pending(ticket: String)
    /// Move the ticket to another service's queue, keeping its arrival time.
    case transfer(ticket: String, service: String)
    case noShow(ticket: String)
    /// Put a no-show (within the tolerance window), a parked or a called ticket back in the queue.
    case returnToQueue(ticket: String)
    case served(ticket: String)
    case cancel(ticket: String)
    case openCounter(counter: String)
    case closeCounter(counter: String)
    /// Switch a service's ticket issuing on or off for the rest of the business day.
    case setServiceEnabled(service: String, enabled: Bool)
    /// End every open ticket now (numbering continues within the business day).
    case reset
}
