// SPDX-License-Identifier: Apache-2.0
// The serial LED boards as madod runs them: each call from the event stream framed and written to its boards.
import Foundation
import MadoCore
import MadoDevices
import MadoServer
import MadoSystem
import Synchronization

/// Every `kind: "serial"` display, fed from the same `ticket.called` events the web boards get.
///
/// The events are read on a thread of its own, because an `EventSubscription` waits by blocking (it is
/// built for the HTTP server's connection threads). Reading them, rather than being called from the
/// queue, keeps the queue unaware of displays; the cost is one JSON parse per call. Writing never blocks
/// the reader: each board queues the frame on its own serial queue.
final class SerialDisplays: Sendable {
    /// One board with its checked framing.
    struct Entry: Sendable {
        let config: DisplayConfiguration
        let frame: LEDBoardFrame
        let board: SerialBoard
    }

    let entries: [Entry]
    private let watchers = Mutex<[Task<Void, Never>]>([])
    /// Set by `start` when there is a board: the reader of the daemon's events.
    private let follower = Mutex<EventFollower?>(nil)
    /// Each distinct framing notice is logged once per display, not at every call.
    private let noticed = Mutex<Set<String>>([])

    private init(entries: [Entry]) { self.entries = entries }

    /// Opens a board for every serial display, shows each one's health in `devices` (and so on
    /// `/v1/status` and as `device.changed`), and starts writing calls to them. A display whose framing
    /// cannot be used is reported as an error device and left out; with no serial display nothing starts.
    static func start(
        configs: [DisplayConfiguration], devices: DeviceRegistry, broadcaster: EventBroadcaster, log: Logger
    ) -> SerialDisplays {
        var entries: [Entry] = []
        var unusable: [DeviceStatus] = []
        for config in configs where config.kind == .serial {
            guard let settings = config.serial else { continue }
            do throws(LEDBoardFrame.FramingError) {
                let frame = try LEDBoardFrame(
                    encoding: settings.encoding == .cp932 ? .cp932 : .ascii, prefix: settings.prefix,
                    template: settings.template, suffix: settings.suffix)
                let board = SerialBoard(name: config.id, device: settings.device, baud: settings.baud, logger: log)
                entries.append(Entry(config: config, frame: frame, board: board))
            } catch {
                let message = "display \(config.id): serial.\(error.field): \(error.message)"
                log.error("serial \(message); the board gets no calls")
                unusable.append(
                    DeviceStatus(id: deviceID(config.id), kind: "serialDisplay", state: .error, detail: message))
            }
        }
        let displays = SerialDisplays(entries: entries)
        let statuses = unusable
        var tasks: [Task<Void, Never>] = [Task { for status in statuses { await devices.update(status) } }]
        for entry in entries {
            let board = entry.board
            let id = entry.config.id
            tasks.append(
                Task {
                    // The board itself logs each change; this only shows it to staff.
                    for await health in board.healthUpdates() {
                        await devices.update(deviceStatus(id: id, health))
                    }
                })
        }
        displays.watchers.withLock { $0 = tasks }
        if !entries.isEmpty {
            let follower = EventFollower(
                broadcaster, name: "mado.serial-displays",
                handle: { events in
                    for event in events where event.type == "ticket.called" { displays.show(event.data, log: log) }
                })
            displays.follower.withLock { $0 = follower }
        }
        return displays
    }

    /// Stops reading events, then closes every board.
    func shutdown() async {
        if let follower = follower.withLock({ $0 }) {
            follower.stop()
            await follower.finished()
        }
        for task in watchers.withLock({ $0 }) { task.cancel() }
        for entry in entries { await entry.board.shutdown() }
    }

    static func deviceID(_ displayID: String) -> String { "serial-display:\(displayID)" }

    static func deviceStatus(id: String, _ health: SerialBoard.Health) -> DeviceStatus {
        switch health {
        case .ready: return DeviceStatus(id: deviceID(id), kind: "serialDisplay", state: .ready)
        case .offline:
            return DeviceStatus(id: deviceID(id), kind: "serialDisplay", state: .offline, detail: health.description)
        }
    }

    /// The call in a `ticket.called` event's data (`QueueJSON.ticket`), or nil if it is not one.
    static func call(fromTicketJSON data: String) -> (call: LEDBoardFrame.Call, service: String)? {
        CalledTicket(eventData: data).map { ticket in
            let call = LEDBoardFrame.Call(
                number: ticket.number, counter: ticket.counter, counterName: ticket.counterName,
                service: ticket.service, serviceName: ticket.serviceName)
            return (call, ticket.service)
        }
    }

    // MARK: - Calls

    private func show(_ data: String, log: Logger) {
        guard let (call, service) = Self.call(fromTicketJSON: data) else {
            log.warning("serial displays: a ticket.called event without number, service and counter was ignored")
            return
        }
        for entry in entries where entry.config.shows(service: service) {
            let output = entry.frame.render(call)
            for notice in output.notices
            where noticed.withLock({ $0.insert(entry.config.id + "\u{0}" + notice).inserted }) {
                log.warning("serial display \(entry.config.id): \(notice)")
            }
            entry.board.send(output.bytes)
        }
    }
}
