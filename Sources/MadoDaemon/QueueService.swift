// SPDX-License-Identifier: Apache-2.0
// The live queue: decide → store the events (committed) → apply → publish → answer.
import Foundation
import MadoCore
import MadoServer
import MadoStore
import MadoSystem

/// Owns the queue's projection and is the only writer of the event log.
///
/// Commands queue up while a write is in flight and are then decided and stored together, in one
/// transaction (group commit): each is decided against the state the earlier ones leave, so the
/// order is the arrival order, and one fsync acknowledges them all. Nothing is applied, published
/// or answered before the transaction has committed; a refused command changes nothing; a failed
/// write refuses the whole batch and the state is reloaded from the log before the next one.
actor QueueService {
    /// Builds a command's answer from the state right after its events were applied.
    typealias Answer =
        @Sendable (_ state: QueueState, _ config: QueueConfiguration, _ events: [QueueEvent], _ now: Date) -> JSONValue

    private enum Request {
        case command(QueueCommand)
        /// The timer's daily reset: the engine's `dailyResetIfDue`, nothing when not due.
        case resetIfDue
    }

    private struct Pending {
        let request: Request
        let answer: Answer
        let continuation: CheckedContinuation<JSONValue, any Error>
    }

    private let database: Database
    private let broadcaster: EventBroadcaster
    private let log: Logger
    private let clock: @Sendable () -> Date
    private(set) var config: QueueConfiguration
    private(set) var state: QueueState
    private var pending: [Pending] = []
    private var isCommitting = false
    /// Set when a write failed: its COMMIT may or may not have reached the disk, so the log decides.
    private var mustReload = false
    /// Called (off the actor) with each business day a daily reset has just finished.
    private let dayFinished: @Sendable (BusinessDay) -> Void

    /// Replays the log (the current and the previous business day, which also warms up the wait
    /// estimator) and returns the service, ready to take commands.
    static func start(
        database: Database, config: QueueConfiguration, broadcaster: EventBroadcaster, log: Logger,
        clock: @escaping @Sendable () -> Date = { Date() },
        dayFinished: @escaping @Sendable (BusinessDay) -> Void = { _ in }
    ) async throws -> QueueService {
        let started = ContinuousClock.now
        let (state, count) = try await loadState(database)
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        log.notice(
            "queue: replayed \(count) event(s) in \(milliseconds) ms; "
                + "business day \(state.day?.description ?? "none yet"), \(state.tickets.count) ticket(s)")
        return QueueService(
            database: database, config: config, state: state, broadcaster: broadcaster, log: log, clock: clock,
            dayFinished: dayFinished)
    }

    private init(
        database: Database, config: QueueConfiguration, state: QueueState, broadcaster: EventBroadcaster, log: Logger,
        clock: @escaping @Sendable () -> Date, dayFinished: @escaping @Sendable (BusinessDay) -> Void
    ) {
        self.database = database
        self.config = config
        self.state = state
        self.broadcaster = broadcaster
        self.log = log
        self.clock = clock
        self.dayFinished = dayFinished
    }

    /// The state the log holds: every event from the start of the previous business day in the log.
    static func loadState(_ database: Database) async throws -> (QueueState, Int) {
        let (bodies, firstSeq) = try await database.read { connection -> ([String], Int64) in
            let days = try QueueEventLog.days(connection)
            guard let from = days.suffix(2).first?.firstSeq else { return ([], 0) }
            let last = try QueueEventLog.lastSeq(connection)
            return (try QueueEventLog.bodies(connection, seq: from...max(from, last)), from)
        }
        let events = try QueueEventLog.decode(bodies, firstSeq: firstSeq)
        return (QueueState.replay(events), events.count)
    }

    // MARK: Commands

    /// Runs `command`; returns `answer`'s value once its events are committed. Refusals are thrown
    /// as `APIError`s (404, 409, 400, 429) carrying the engine's message and field.
    func execute(_ command: QueueCommand, answer: @escaping Answer) async throws -> JSONValue {
        try await enqueue(.command(command), answer: answer)
    }

    /// Ends the business day if its reset time has passed (the timer calls this).
    func resetIfDue() async throws {
        _ = try await enqueue(.resetIfDue) { _, _, _, _ in .null }
    }

    private func enqueue(_ request: Request, answer: @escaping Answer) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(request: request, answer: answer, continuation: continuation))
            if !isCommitting {
                isCommitting = true
                Task { await self.commitPending() }
            }
        }
    }

    private func commitPending() async {
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            await commit(batch)
        }
        isCommitting = false
    }

    private func commit(_ batch: [Pending]) async {
        if mustReload {
            do {
                state = try await Self.loadState(database).0
                mustReload = false
                log.notice("queue: state reloaded from the log after a failed write")
            } catch {
                log.error("queue: cannot reload the state from the log: \(error)")
                for item in batch { item.continuation.resume(throwing: Self.storeUnavailable) }
                return
            }
        }
        let dayBefore = state.day
        var working = state
        var events: [QueueEvent] = []
        var publications: [(type: String, json: String)] = []
        var results: [Result<JSONValue, any Error>] = []
        for item in batch {
            let now = clock()
            let produced: [QueueEvent]
            switch item.request {
            case .command(let command):
                do {
                    produced = try QueueEngine.decide(command, state: working, config: config, now: now)
                } catch {
                    results.append(.failure(Self.apiError(error)))
                    continue
                }
            case .resetIfDue:
                produced = QueueEngine.dailyResetIfDue(state: working, config: config, now: now)
            }
            for event in produced {
                working.apply(event)
                publications.append(publication(for: event, in: working, now: now))
            }
            events += produced
            results.append(.success(item.answer(working, config, produced, now)))
        }
        if !events.isEmpty {
            let toStore = events
            do {
                _ = try await database.write { connection in try QueueEventLog.append(toStore, to: connection) }
            } catch {
                mustReload = true
                log.error("queue: cannot store \(events.count) event(s), \(batch.count) command(s) refused: \(error)")
                for item in batch { item.continuation.resume(throwing: Self.storeUnavailable) }
                return
            }
        }
        state = working
        for (type, json) in publications { broadcaster.publish(type, json: json) }
        for (item, result) in zip(batch, results) { item.continuation.resume(with: result) }
        for event in events {
            if case .dailyReset(_, let day) = event {
                log.notice("queue: business day \(day) begins")
            } else if case .issued(_, _, _, let service, let number, _, _, _) = event {
                log.debug("queue: issued \(number) (\(service))")
            }
        }
        if let dayBefore, let dayAfter = state.day, dayAfter != dayBefore { dayFinished(dayBefore) }
    }

    // MARK: Reads

    /// Runs `body` with the committed state (what every answer so far has been based on).
    func read<T: Sendable>(_ body: @Sendable (QueueState, QueueConfiguration, Date) -> T) -> T {
        body(state, config, clock())
    }

    /// Seconds until the next business day begins (at least 0.2, so a timer never spins).
    func secondsUntilNextReset() -> Double {
        let calendar = config.calendar
        let now = clock()
        let today = calendar.businessDay(of: now)
        let tomorrow = calendar.businessDay(of: calendar.start(of: today).addingTimeInterval(36 * 3600))
        return max(0.2, calendar.start(of: tomorrow).timeIntervalSince(now) + 0.05)
    }

    /// A reload's new queue section; tickets already issued keep their numbers and services.
    func replaceConfiguration(_ new: QueueConfiguration) {
        config = new
    }

    // MARK: Helpers

    /// The server-sent event for one applied event: the ticket or counter as it is now.
    private func publication(for event: QueueEvent, in state: QueueState, now: Date) -> (type: String, json: String) {
        let type = Self.eventName(event)
        switch event {
        case .counterOpened(_, let id), .counterClosed(_, let id):
            let definition = config.counter(id) ?? CounterDefinition(id: id, name: id, services: [])
            return (type, QueueJSON.counter(definition, in: state, config: config, now: now).serialized())
        case .serviceSwitched(_, let service, let enabled):
            let json = JSONValue.object(JSONObject([("service", .string(service)), ("enabled", .bool(enabled))]))
            return (type, json.serialized())
        case .dailyReset(_, let day):
            return (type, JSONValue.object(JSONObject([("day", .string(day.description))])).serialized())
        default:
            guard let id = event.ticketID, let ticket = state.tickets[id] else { return (type, "{}") }
            return (type, QueueJSON.ticket(ticket, in: state, config: config, now: now).serialized())
        }
    }

    /// `ticket.issued`, `ticket.called`, … `counter.opened`, `service.switched`, `queue.reset`.
    static func eventName(_ event: QueueEvent) -> String {
        switch event {
        case .counterOpened: "counter.opened"
        case .counterClosed: "counter.closed"
        case .serviceSwitched: "service.switched"
        case .dailyReset: "queue.reset"
        default: "ticket." + event.type
        }
    }

    static let storeUnavailable = APIError.unavailable(
        "the queue could not store the change in its database, so nothing was changed; see the madod log")

    /// The engine's refusal as an API answer.
    static func apiError(_ error: QueueError) -> APIError {
        switch error.kind {
        case .notFound: APIError(status: 404, code: "not_found", message: error.message, field: error.field)
        case .invalidTransition:
            APIError(status: 409, code: "invalid_transition", message: error.message, field: error.field)
        case .closed: APIError(status: 409, code: "service_closed", message: error.message, field: error.field)
        case .exhausted: APIError(status: 409, code: "numbers_exhausted", message: error.message, field: error.field)
        case .tooSoon: APIError(status: 429, code: "too_soon", message: error.message, field: error.field)
        case .invalid: APIError(status: 400, code: "invalid_field", message: error.message, field: error.field)
        }
    }
}
