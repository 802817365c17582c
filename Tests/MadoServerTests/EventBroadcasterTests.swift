// SPDX-License-Identifier: Apache-2.0
// Event fan-out: order, catch-up after a reconnect, heartbeats, and dropping clients that cannot keep up.
import MadoServer
import MadoTestThreads
import Testing

@Suite(.ownThread) struct EventBroadcasterTests {
    @Test func subscribersReceiveEventsInOrder() {
        let broadcaster = EventBroadcaster()
        let a = broadcaster.subscribe()
        let b = broadcaster.subscribe()
        broadcaster.publish("ticket.issued", json: #"{"number":"A-001"}"#)
        broadcaster.publish("ticket.called", json: #"{"number":"A-001","counter":"3"}"#)
        for subscription in [a, b] {
            guard case .events(let events) = subscription.next(timeout: .milliseconds(100)) else {
                Issue.record("no events")
                return
            }
            #expect(events.map(\.type) == ["ticket.issued", "ticket.called"])
            #expect(events[0].wireFormat == "id: 1\nevent: ticket.issued\ndata: {\"number\":\"A-001\"}\n\n")
        }
    }

    @Test func aQuietStreamGetsAHeartbeat() {
        let subscription = EventBroadcaster().subscribe()
        #expect(subscription.next(timeout: .milliseconds(20)) == .heartbeat)
    }

    @Test func reconnectingWithLastEventIDReplaysWhatWasMissed() {
        let broadcaster = EventBroadcaster()
        for n in 1...5 { broadcaster.publish("tick", json: "{\"n\":\(n)}") }
        let late = broadcaster.subscribe(lastEventID: 3)
        guard case .events(let events) = late.next(timeout: .milliseconds(50)) else {
            Issue.record("no replay")
            return
        }
        #expect(events.map(\.id) == [4, 5])
    }

    @Test func aClientThatFallsTooFarBehindIsClosed() {
        let broadcaster = EventBroadcaster(historyLimit: 10, queueLimit: 3)
        let slow = broadcaster.subscribe()
        for n in 1...4 { broadcaster.publish("tick", json: "{\"n\":\(n)}") }
        #expect(slow.next(timeout: .milliseconds(10)) == .closed)
    }

    @Test func shutdownEndsEveryStreamAndRefusesNewOnes() {
        let broadcaster = EventBroadcaster()
        let subscription = broadcaster.subscribe()
        broadcaster.shutdown()
        #expect(subscription.next(timeout: .seconds(1)) == .closed)
        #expect(broadcaster.subscribe().next(timeout: .milliseconds(10)) == .closed)
        #expect(broadcaster.subscriberCount == 0)
    }

    @Test func multiLineDataIsFlattenedSoItCannotForgeEvents() {
        let broadcaster = EventBroadcaster()
        let event = broadcaster.publish("x", json: "{\n\"a\":1}")
        #expect(!event.data.contains("\n"))
    }
}
