// SPDX-License-Identifier: Apache-2.0
// Reads a broadcaster's events inside madod, on a thread of its own, for as long as madod runs.
import Foundation
import Synchronization

/// Follows an `EventBroadcaster` for a consumer inside the daemon (announcements, serial boards, the
/// display relay).
///
/// A subscription waits by blocking, so the events are read on a dedicated thread, never on Swift's
/// cooperative pool. The broadcaster drops a reader that falls far behind; the follower then
/// subscribes again, catching up from the broadcaster's history, so a consumer never stops for good
/// while madod runs. It ends when `stop` is called or the broadcaster shuts down (a shut-down
/// broadcaster hands out closed subscriptions), and then calls `ended`.
public final class EventFollower: Sendable {
    private struct State {
        var current: EventSubscription
        var stopped = false
        var finished = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    /// Subscribes before returning, so nothing published from now on is missed, and starts reading.
    /// `handle` gets each batch of events in order, on the follower's thread.
    public init(
        _ broadcaster: EventBroadcaster, name: String,
        handle: @escaping @Sendable ([ServerSentEvent]) -> Void, ended: @escaping @Sendable () -> Void = {}
    ) {
        state = Mutex(State(current: broadcaster.subscribe()))
        let thread = Thread { @Sendable [self] in
            follow(broadcaster, handle: handle)
            ended()
            let waiters = state.withLock { state in
                state.finished = true
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = name
        thread.start()
    }

    /// Stops reading (the batch being handled is finished first).
    public func stop() {
        let current = state.withLock { state in
            state.stopped = true
            return state.current
        }
        current.cancel()
    }

    /// Returns once the reading thread has ended.
    public func finished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if !state.finished { state.waiters.append(continuation) }
                return state.finished
            }
            if done { continuation.resume() }
        }
    }

    private func follow(_ broadcaster: EventBroadcaster, handle: @Sendable ([ServerSentEvent]) -> Void) {
        var subscription = state.withLock { $0.current }
        var lastID: UInt64?
        while true {
            reading: while true {
                switch subscription.next(timeout: .seconds(5)) {
                case .heartbeat: continue
                case .closed: break reading
                case .events(let events):
                    lastID = events.last?.id ?? lastID
                    handle(events)
                }
            }
            subscription.cancel()
            // Closed by `stop`, by the broadcaster's shutdown, or dropped for falling behind: a breath,
            // then a new subscription tells which.
            Thread.sleep(forTimeInterval: 0.1)
            let next: EventSubscription? = state.withLock { state in
                guard !state.stopped else { return nil }
                state.current = broadcaster.subscribe(lastEventID: lastID)
                return state.current
            }
            guard let next else { return }
            switch next.next(timeout: .zero) {
            case .closed: return
            case .heartbeat: break
            case .events(let events):
                lastID = events.last?.id ?? lastID
                handle(events)
            }
            subscription = next
        }
    }
}
