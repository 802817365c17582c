// SPDX-License-Identifier: Apache-2.0
// Each hall board's own event stream: one thread reads the daemon's events and republishes, per
// display, only what `DisplayEventFilter` lets through.
import Foundation
import MadoServer

/// Feeds `GET /display/{id}/events`. The daemon's broadcaster sends every event to every
/// subscriber; a board open on the LAN must not see the counters' stream, so the relay subscribes
/// once, filters, and keeps one small broadcaster per display (its own ids and history, so a board
/// reconnecting with `Last-Event-ID` catches up on its own events).
///
/// The relay starts with the first board that connects and stops when the daemon's broadcaster
/// shuts down (madod stopping), which ends every board's stream so the HTTP servers can drain.
final class DisplayEventRelay: @unchecked Sendable {
    // @unchecked: `streams`, `follower` and `stopped` are only touched while holding `lock`; the
    // broadcasters are themselves thread-safe.
    private let source: EventBroadcaster
    private let displays: @Sendable () -> [DisplayConfiguration]
    private let lock = NSLock()
    private var streams: [String: EventBroadcaster] = [:]
    private var follower: EventFollower?
    private var stopped = false

    /// How many events a reconnecting board can catch up on.
    static let historyLimit = 64

    init(source: EventBroadcaster, displays: @escaping @Sendable () -> [DisplayConfiguration]) {
        self.source = source
        self.displays = displays
    }

    /// A subscription to display `id`'s stream (the caller has checked that the display exists).
    func subscribe(display id: String, lastEventID: UInt64?) -> EventSubscription {
        lock.lock()
        if follower == nil {
            // Subscribed before returning, so nothing published from now on is missed.
            follower = EventFollower(
                source, name: "mado.display-relay", handle: { [self] events in relay(events) },
                ended: { [self] in stopAll() })
        }
        let stream: EventBroadcaster
        if let known = streams[id] {
            stream = known
        } else {
            stream = EventBroadcaster(historyLimit: Self.historyLimit)
            if stopped { stream.shutdown() }
            streams[id] = stream
        }
        lock.unlock()
        return stream.subscribe(lastEventID: lastEventID)
    }

    private func relay(_ events: [ServerSentEvent]) {
        lock.lock()
        let targets = streams
        lock.unlock()
        let configured = displays()
        for (id, stream) in targets {
            guard let display = configured.first(where: { $0.id == id && $0.kind == .web }) else { continue }
            for event in events {
                if let out = DisplayEventFilter.translate(type: event.type, data: event.data, for: display) {
                    stream.publish(out.type, json: out.json)
                }
            }
        }
    }

    private func stopAll() {
        lock.lock()
        stopped = true
        let targets = Array(streams.values)
        lock.unlock()
        for stream in targets { stream.shutdown() }
    }
}
