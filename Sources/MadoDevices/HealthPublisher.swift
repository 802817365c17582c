// SPDX-License-Identifier: Apache-2.0
// A device's latest health and the streams that follow its changes, shared by every device driver.
import Synchronization

/// Holds a device's health and tells every subscriber of each change (madod shows them in
/// `/v1/status` and as SSE events). Safe from any thread.
final class HealthPublisher<Health: Equatable & Sendable>: Sendable {
    private struct State {
        var health: Health?
        var subscribers: [Int: AsyncStream<Health>.Continuation] = [:]
        var nextSubscriber = 0
        var isShutDown = false
    }

    private let state = Mutex(State())

    /// The latest health (nil before the first).
    var latest: Health? { state.withLock { $0.health } }

    var isShutDown: Bool { state.withLock { $0.isShutDown } }

    /// Every change from now on, starting with the current health if there is one.
    func updates() -> AsyncStream<Health> {
        let (stream, continuation) = AsyncStream.makeStream(of: Health.self, bufferingPolicy: .bufferingNewest(16))
        let id: Int? = state.withLock { state in
            guard !state.isShutDown else { return nil }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            if let health = state.health { continuation.yield(health) }
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { @Sendable [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Records `health`; returns whether it changed (and so was sent to the subscribers).
    @discardableResult
    func publish(_ health: Health) -> Bool {
        let (changed, subscribers) = state.withLock { state in
            let changed = state.health != health
            state.health = health
            return (changed, changed ? Array(state.subscribers.values) : [])
        }
        for subscriber in subscribers { subscriber.yield(health) }
        return changed
    }

    /// Ends every stream; later subscribers get an empty one.
    func shutDown() {
        let subscribers = state.withLock { state in
            state.isShutDown = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}
