// SPDX-License-Identifier: Apache-2.0
// One serial LED calling board: frames written in order, kept while the adapter is away, sent when it is back.
import Dispatch
public import MadoSystem

/// A serial LED board on a USB-serial adapter or an RS-232 port.
///
/// A final class with its own serial `DispatchQueue`, like `TicketPrinter`: open, tcsetattr and write
/// block, and must not hold one of the cooperative pool's few threads. The queue is also what keeps
/// frames in call order on the wire.
///
/// Boards are written to and never asked anything, so the board's health is the port's: `ready` while the
/// device is open and not hung up, `offline` with the reason otherwise. After a failure the port is closed
/// and reopened with growing pauses (`Timing.retryInitial` doubling up to `Timing.retryMaximum`), so a
/// re-plugged adapter recovers by itself. Frames sent while it is offline wait (at most
/// `Timing.pendingLimit`, none older than `Timing.pendingMaxAge`) and go out, in order, once it is back:
/// a call made during a re-plug still reaches the board, a call from an hour ago does not.
public final class SerialBoard: @unchecked Sendable {
    // @unchecked: `port`, `pending`, `retryDelay` and `retryScheduled` are only touched on `queue`; the
    // published health is a HealthPublisher (thread-safe); everything else is immutable.

    /// What staff see for the board.
    public enum Health: Sendable, Equatable, CustomStringConvertible {
        case ready
        /// Not open: unplugged, no permission, hung up. `reason` says which, in a technician's words.
        case offline(reason: String)

        public var isReady: Bool { self == .ready }

        public var description: String {
            switch self {
            case .ready: return "ready"
            case .offline(let reason): return "offline: \(reason) — check the cable and the board's power"
            }
        }
    }

    /// How long to wait for what; the defaults suit a hall, tests shorten them.
    public struct Timing: Sendable, Equatable {
        /// A board that takes no bytes for this long is treated as gone.
        public var writeTimeout: Duration = .seconds(2)
        /// The first pause before reopening a failed port; it doubles after each failed attempt.
        public var retryInitial: Duration = .seconds(1)
        public var retryMaximum: Duration = .seconds(30)
        /// How often an open, idle port is checked for a hang-up, so an unplug shows on /v1/status
        /// before the next call.
        public var watchInterval: Duration = .seconds(5)
        public var pendingLimit = 8
        public var pendingMaxAge: Duration = .seconds(120)

        public init() {}
    }

    public let name: String
    public let device: String
    public let timing: Timing
    private let logger: Logger?
    private let queue: DispatchQueue
    private let port: SerialPort
    private var pending: [(frame: [UInt8], queuedAt: ContinuousClock.Instant)] = []
    private var retryDelay: Duration
    private var retryScheduled = false
    private let health = HealthPublisher<Health>()

    /// Opens the port at once (a missing board shows as offline from the start) and starts watching it.
    /// `name` identifies the board to staff ("hall-led").
    public init(name: String, device: String, baud: Int, timing: Timing = Timing(), logger: Logger? = nil) {
        self.name = name
        self.device = device
        self.timing = timing
        self.logger = logger
        self.port = SerialPort(path: device, baud: baud)
        self.retryDelay = timing.retryInitial
        self.queue = DispatchQueue(label: "mado.serial-board.\(name)")
        queue.async { @Sendable [weak self] in
            self?.reopen()
            self?.scheduleWatch()
        }
    }

    /// The latest health (nil before the first attempt to open the port).
    public var lastHealth: Health? { health.latest }

    /// Every change of health, starting with the current one if there is one. For `/v1/status` and SSE.
    public func healthUpdates() -> AsyncStream<Health> {
        health.updates()
    }

    /// Queues `frame` behind earlier ones and returns at once: the daemon's event reader never waits
    /// for a slow or absent board.
    public func send(_ frame: [UInt8]) {
        queue.async { @Sendable [weak self] in _ = self?.writeNow(frame) }
    }

    /// Writes `frame` after earlier ones; true when it reached the port now, false when it waits for the
    /// board to come back (or the board is shut down).
    public func write(_ frame: [UInt8]) async -> Bool {
        await onQueue { $0.writeNow(frame) }
    }

    /// Checks the port now: a hung-up port is closed, a closed one is opened, waiting frames are sent.
    public func checkHealth() async -> Health {
        await onQueue { board in
            board.checkNow()
            return board.lastHealth ?? .offline(reason: "not opened yet")
        }
    }

    /// Closes the port and ends the health streams; waiting frames are dropped.
    public func shutdown() async {
        await onQueue { board in
            board.port.close()
            board.pending.removeAll()
            board.health.shutDown()
        }
    }

    /// A line for logs: `serial display hall-led (/dev/ttyUSB0): offline: cannot open …`.
    public func describe(_ health: Health) -> String { "serial display \(name) (\(device)): \(health)" }

    // MARK: - On the queue

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable (SerialBoard) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { @Sendable in continuation.resume(returning: body(self)) }
        }
    }

    private var isShutDown: Bool { health.isShutDown }

    private func writeNow(_ frame: [UInt8]) -> Bool {
        guard !isShutDown else { return false }
        pending.append((frame, ContinuousClock.now))
        if pending.count > timing.pendingLimit {
            let dropped = pending.count - timing.pendingLimit
            pending.removeFirst(dropped)
            logger?.warning("serial display \(name) (\(device)): \(dropped) older call(s) dropped while offline")
        }
        if !port.isOpen { reopen() }
        return flush()
    }

    /// Sends the waiting frames in order; true when none is left.
    @discardableResult
    private func flush() -> Bool {
        guard port.isOpen else { return pending.isEmpty }
        let now = ContinuousClock.now
        pending.removeAll { now - $0.queuedAt > timing.pendingMaxAge }
        while let next = pending.first {
            do throws(DeviceError) {
                try port.write(next.frame, timeout: timing.writeTimeout)
                pending.removeFirst()
            } catch {
                fail(error.message)
                return false
            }
        }
        return true
    }

    private func checkNow() {
        guard !isShutDown else { return }
        if port.isOpen {
            if port.hasHungUp() { fail("the device hung up (unplugged, or the board was switched off)") }
        } else {
            reopen()
        }
    }

    /// Opens the port; on success sends what waits, on failure tries again later.
    private func reopen() {
        guard !isShutDown else { return }
        do throws(DeviceError) {
            try port.open()
        } catch {
            publish(.offline(reason: error.message))
            scheduleRetry()
            return
        }
        retryDelay = timing.retryInitial
        publish(.ready)
        flush()
    }

    private func fail(_ reason: String) {
        port.close()
        publish(.offline(reason: reason))
        scheduleRetry()
    }

    private func scheduleRetry() {
        guard !retryScheduled, !isShutDown else { return }
        retryScheduled = true
        let delay = retryDelay
        retryDelay = min(retryDelay * 2, timing.retryMaximum)
        queue.asyncAfter(deadline: .now() + delay.secondsValue) { @Sendable [weak self] in
            guard let self else { return }
            self.retryScheduled = false
            if !self.port.isOpen { self.reopen() }
        }
    }

    /// The periodic hang-up check: runs for the board's whole life, at `watchInterval`.
    private func scheduleWatch() {
        queue.asyncAfter(deadline: .now() + timing.watchInterval.secondsValue) { @Sendable [weak self] in
            guard let self, !self.isShutDown else { return }
            if self.port.isOpen { self.checkNow() }
            self.scheduleWatch()
        }
    }

    private func publish(_ health: Health) {
        guard self.health.publish(health) else { return }
        if health.isReady {
            logger?.notice(describe(health))
        } else {
            logger?.warning(describe(health))
        }
    }
}
