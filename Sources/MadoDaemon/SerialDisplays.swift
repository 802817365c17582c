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
    private let reader = Mutex(ReaderState())

    private struct ReaderState {
        var subscription: EventSubscription?
        var isStopping = false
        var isFinished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

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
            let thread = Thread { @Sendable in displays.readEvents(from: broadcaster, log: log) }
            thread.name = "mado.serial-displays"
            thread.start()
        } else {
            displays.reader.withLock { $0.isFinished = true }
        }
        return displays
    }

    /// Stops reading events, then closes every board.
    func shutdown() async {
        let subscription = reader.withLock { state in
            state.isStopping = true
            return state.subscription
        }
        subscription?.cancel()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = reader.withLock { state in
                if !state.isFinished { state.waiter = continuation }
                return state.isFinished
            }
            if finished { continuation.resume() }
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
        guard case .object(let ticket)? = try? JSONParser.parse(data),
            case .string(let number)? = ticket["number"], case .string(let service)? = ticket["service"],
            case .string(let counter)? = ticket["counter"]
        else { return nil }
        func text(_ key: String, or fallback: String) -> String {
            if case .string(let value)? = ticket[key] { return value }
            return fallback
        }
        let call = LEDBoardFrame.Call(
            number: number, counter: counter, counterName: text("counterName", or: counter), service: service,
            serviceName: text("serviceName", or: service))
        return (call, service)
    }

    // MARK: - The reader thread

    private func readEvents(from broadcaster: EventBroadcaster, log: Logger) {
        defer {
            let waiter = reader.withLock { state in
                state.isFinished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
        var lastEventID: UInt64?
        // Each distinct notice is logged once per display, not at every call.
        var noticed: Set<String> = []
        while let subscription = subscribe(broadcaster, after: lastEventID) {
            reading: while true {
                switch subscription.next(timeout: .seconds(5)) {
                case .heartbeat: continue
                case .closed: break reading
                case .events(let events):
                    for event in events {
                        lastEventID = event.id
                        if event.type == "ticket.called" { show(event.data, log: log, noticed: &noticed) }
                    }
                }
            }
            // Closed by shutdown, or dropped for falling behind: resubscribe after a breath, catching up
            // from the broadcaster's history.
            if reader.withLock({ $0.isStopping }) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// A new subscription registered for `shutdown` to cancel, or nil once shutdown has begun.
    private func subscribe(_ broadcaster: EventBroadcaster, after lastEventID: UInt64?) -> EventSubscription? {
        let subscription = broadcaster.subscribe(lastEventID: lastEventID)
        let stopping = reader.withLock { state in
            state.subscription = subscription
            return state.isStopping
        }
        if stopping {
            subscription.cancel()
            return nil
        }
        return subscription
    }

    private func show(_ data: String, log: Logger, noticed: inout Set<String>) {
        guard let (call, service) = Self.call(fromTicketJSON: data) else {
            log.warning("serial displays: a ticket.called event without number, service and counter was ignored")
            return
        }
        for entry in entries where entry.config.shows(service: service) {
            let output = entry.frame.render(call)
            for notice in output.notices where noticed.insert(entry.config.id + "\u{0}" + notice).inserted {
                log.warning("serial display \(entry.config.id): \(notice)")
            }
            entry.board.send(output.bytes)
        }
    }
}
