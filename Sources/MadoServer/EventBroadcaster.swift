// SPDX-License-Identifier: Apache-2.0
// Fans state changes out to every Server-Sent Events client (display boards, madoctl queue --watch).
// Clients read on the HTTP server's connection threads, so subscriptions block with a timeout
// instead of awaiting; a slow client is dropped rather than allowed to grow memory without bound.
import Foundation

/// One event as sent on the wire.
public struct ServerSentEvent: Sendable, Equatable {
    public let id: UInt64
    public let type: String
    /// Single-line JSON.
    public let data: String

    public var wireFormat: String { "id: \(id)\nevent: \(type)\ndata: \(data)\n\n" }
}

/// Publishes events to every subscriber and keeps a short history so that a client reconnecting with
/// `Last-Event-ID` misses nothing.
public final class EventBroadcaster: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while holding `lock`.
    private let lock = NSLock()
    private var subscribers: [ObjectIdentifier: EventSubscription] = [:]
    private var history: [ServerSentEvent] = []
    private var nextID: UInt64 = 1
    private var isShutDown = false
    public let historyLimit: Int
    public let queueLimit: Int

    public init(historyLimit: Int = 1024, queueLimit: Int = 4096) {
        self.historyLimit = historyLimit
        self.queueLimit = queueLimit
    }

    /// Publishes an event whose data is the JSON encoding of `value`.
    public func publish(_ type: String, _ value: some Encodable) {
        let data = (try? HTTPResponse.makeEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        publish(type, json: data)
    }

    /// Publishes an event with already-encoded single-line JSON data.
    @discardableResult
    public func publish(_ type: String, json: String) -> ServerSentEvent {
        let clean = json.replacingOccurrences(of: "\n", with: " ")
        lock.lock()
        let event = ServerSentEvent(id: nextID, type: type, data: clean)
        nextID += 1
        history.append(event)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        let targets = Array(subscribers.values)
        lock.unlock()
        for subscription in targets { subscription.deliver([event], limit: queueLimit) }
        return event
    }

    /// Subscribes; with `lastEventID`, the events after it that are still in the history are queued first.
    public func subscribe(lastEventID: UInt64? = nil) -> EventSubscription {
        let subscription = EventSubscription(broadcaster: self)
        lock.lock()
        if isShutDown {
            lock.unlock()
            subscription.close()
            return subscription
        }
        subscribers[ObjectIdentifier(subscription)] = subscription
        let missed = lastEventID.map { id in history.filter { $0.id > id } } ?? []
        lock.unlock()
        if !missed.isEmpty { subscription.deliver(missed, limit: queueLimit) }
        return subscription
    }

    func remove(_ subscription: EventSubscription) {
        lock.lock()
        subscribers.removeValue(forKey: ObjectIdentifier(subscription))
        lock.unlock()
    }

    public var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// Ends every stream (used when the daemon stops) and refuses new subscribers.
    public func shutdown() {
        lock.lock()
        isShutDown = true
        let targets = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for subscription in targets { subscription.close() }
    }
}

/// One client's queue of events.
public final class EventSubscription: @unchecked Sendable {
    // @unchecked: `queue` and `closed` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var queue: [ServerSentEvent] = []
    private var closed = false
    private weak var broadcaster: EventBroadcaster?

    init(broadcaster: EventBroadcaster) { self.broadcaster = broadcaster }

    public enum Next: Sendable, Equatable {
        case events([ServerSentEvent])
        case heartbeat
        case closed
    }

    func deliver(_ events: [ServerSentEvent], limit: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        queue.append(contentsOf: events)
        if queue.count > limit {
            // The client cannot keep up; it reconnects with Last-Event-ID and catches up from the history.
            closed = true
            queue.removeAll()
        }
        condition.broadcast()
    }

    /// Waits up to `timeout` for events.
    public func next(timeout: Duration) -> Next {
        condition.lock()
        defer { condition.unlock() }
        let (seconds, attoseconds) = timeout.components
        let deadline = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18)
        while queue.isEmpty && !closed {
            if !condition.wait(until: deadline) { break }
        }
        if !queue.isEmpty {
            let events = queue
            queue.removeAll()
            return .events(events)
        }
        return closed ? .closed : .heartbeat
    }

    /// Ends the stream: the reader sees `.closed` after the queued events.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The client went away.
    public func cancel() {
        close()
        broadcaster?.remove(self)
    }
}
