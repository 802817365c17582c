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

    private enum AnswerKind {
        case custom(Answer)
        /// The kiosk's answer: the new ticket with its estimate and status URL.
        case issuedTicket(statusURL: String, printing: Bool)
    }

    private struct Pending {
        let request: Request
        let answer: AnswerKind
        let continuation: CheckedContinuation<JSONValue, any Error>
    }

    /// Waiting tickets of one service in `speculative`, ordinary and priority.
    private struct WaitingCount {
        var ordinary = 0
        var priority = 0
    }

    private let database: Database
    private let broadcaster: EventBroadcaster
    private let log: Logger
    private let clock: @Sendable () -> Date
    private(set) var config: QueueConfiguration
    /// The committed state: what reads see, and what every answer so far rests on.
    private(set) var state: QueueState
    /// The committed state plus the batch being written: commands are decided against it. Kept as a
    /// second copy, each mutated in place with the same events, because deciding on a copy of
    /// `state` would copy a whole day of tickets for every batch (copy-on-write).
    private var speculative: QueueState
    private var pending: [Pending] = []
    /// Tickets a kiosk is printing, by id, with when they were issued (see `notYetHeld`).
    private var beingPrinted: [String: Date] = [:]
    private var isCommitting = false
    /// Waiting counts per service of `speculative`, so that a kiosk's answer (people ahead of the
    /// new ticket) does not scan the day's tickets: an issue adds one, any other event clears them.
    private var waitingCounts: [String: WaitingCount] = [:]
    /// Serialised ticket lists: a busy day's list is thousands of tickets, and displays, counter PCs
    /// and madoctl ask for it often.
    private nonisolated let lists = TicketListCache()
    /// Counts configuration reloads, for the lists' serialised service and counter names.
    private var configGeneration: UInt64 = 0
    /// The tickets each recent version changed, oldest first, so a list builder holding an older
    /// version is sent only those; a version that replaced the whole day (a daily reset, a reload
    /// from the log) is `fullRebuildVersion`, and builders older than it get everything.
    private var recentChanges: [(version: UInt64, ids: [String])] = []
    private var fullRebuildVersion: UInt64 = 0
    private static let recentChangesKept = 1024
    /// Counts committed batches (and reloads): a cached list of an older version is stale.
    private var version: UInt64 = 0
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
        self.speculative = state
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
        try await enqueue(.command(command), answer: .custom(answer))
    }

    /// Issues a ticket and answers with it, its people ahead, its estimate and `statusURL`.
    /// With `printing`, call-next passes over the ticket until `printingFinished` says the kiosk is
    /// done with it (printed, or cancelled because it was not).
    func issue(
        service: String, category: String?, token: String, statusURL: String, printing: Bool = false
    ) async throws -> JSONValue {
        try await enqueue(
            .command(.issue(service: service, priority: category, token: token)),
            answer: .issuedTicket(statusURL: statusURL, printing: printing))
    }

    /// The kiosk is done printing ticket `id`: call-next may call it (if it still waits).
    func printingFinished(_ id: String) { beingPrinted.removeValue(forKey: id) }

    /// Tickets issued but still being printed, so that nobody holds them yet, as call-next must see
    /// them; an entry older than `printingLimit` is ignored in case a kiosk never reported back.
    private func notYetHeld(at now: Date) -> Set<String> {
        guard !beingPrinted.isEmpty else { return [] }
        return Set(beingPrinted.filter { now.timeIntervalSince($0.value) < Self.printingLimit }.keys)
    }

    static let printingLimit = 120.0

    /// Ends the business day if its reset time has passed (the timer calls this).
    func resetIfDue() async throws {
        _ = try await enqueue(.resetIfDue, answer: .custom { _, _, _, _ in .null })
    }

    private func enqueue(_ request: Request, answer: AnswerKind) async throws -> JSONValue {
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
                speculative = state
                waitingCounts = [:]
                newVersion(changing: [], wholeDay: true)
                mustReload = false
                log.notice("queue: state reloaded from the log after a failed write")
            } catch {
                log.error("queue: cannot reload the state from the log: \(error)")
                for item in batch { item.continuation.resume(throwing: Self.storeUnavailable) }
                return
            }
        }
        let dayBefore = state.day
        var events: [QueueEvent] = []
        /// Tickets of this batch marked as being printed: unmarked again if the batch is not stored.
        var markedInBatch: [String] = []
        var publications: [(type: String, json: String)] = []
        var results: [Result<JSONValue, any Error>] = []
        for item in batch {
            let now = clock()
            let produced: [QueueEvent]
            switch item.request {
            case .command(let command):
                do {
                    produced = try QueueEngine.decide(
                        command, state: speculative, config: config, now: now, notYetHeld: notYetHeld(at: now))
                } catch {
                    results.append(.failure(Self.apiError(error)))
                    continue
                }
            case .resetIfDue:
                produced = QueueEngine.dailyResetIfDue(state: speculative, config: config, now: now)
            }
            for event in produced {
                speculative.apply(event)
                if case .issued(_, _, _, let service, _, _, let priority, _) = event {
                    if priority == nil {
                        waitingCounts[service]?.ordinary += 1
                    } else {
                        waitingCounts[service]?.priority += 1
                    }
                } else {
                    waitingCounts.removeAll(keepingCapacity: true)
                }
                publications.append(publication(for: event, in: speculative))
            }
            events += produced
            switch item.answer {
            case .custom(let answer): results.append(.success(answer(speculative, config, produced, now)))
            case .issuedTicket(let statusURL, let printing):
                if printing, let id = produced.last?.ticketID {
                    beingPrinted[id] = now
                    markedInBatch.append(id)
                }
                results.append(.success(issuedAnswer(produced, statusURL: statusURL, now: now)))
            }
        }
        if !events.isEmpty {
            let toStore = events
            let writeStarted = ContinuousClock.now
            do {
                _ = try await database.write { connection in try QueueEventLog.append(toStore, to: connection) }
                let written = ContinuousClock.now - writeStarted
                log.debug("queue: \(batch.count) command(s), \(toStore.count) event(s) committed in \(written)")
            } catch {
                // The committed state is untouched; the speculative one goes back to it at the reload.
                mustReload = true
                waitingCounts = [:]
                for id in markedInBatch { beingPrinted.removeValue(forKey: id) }
                log.error("queue: cannot store \(events.count) event(s), \(batch.count) command(s) refused: \(error)")
                for item in batch { item.continuation.resume(throwing: Self.storeUnavailable) }
                return
            }
        }
        for event in events { state.apply(event) }
        if !events.isEmpty {
            let resets = events.contains { if case .dailyReset = $0 { true } else { false } }
            newVersion(changing: events.compactMap(\.ticketID), wholeDay: resets)
        }
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

    /// Today's tickets (optionally only those in `filter`) as serialised JSON, built off the actor
    /// from what changed since the last list (`TicketListCache`).
    nonisolated func ticketList(filter: TicketState?) async -> SharedBytes {
        let held = lists.held
        let changes = await listSource(
            since: held.version, configGeneration: held.configGeneration, known: held.ticketCount)
        if let data = await lists.list(from: changes, filter: filter) { return data }
        let everything = await listSource(since: nil, configGeneration: 0, known: 0)
        return await lists.list(from: everything, filter: filter) ?? SharedBytes(Array("[]".utf8))
    }

    /// What a list builder at `since` (with `known` tickets of the day) needs to catch up.
    private func listSource(since: UInt64?, configGeneration held: UInt64, known: Int) -> TicketListSource {
        let now = clock()
        guard let since, held == configGeneration, since >= fullRebuildVersion, since <= version,
            known <= state.issueOrder.count, let ids = changedTickets(since: since)
        else {
            return TicketListSource.full(
                state, config: config, version: version, configGeneration: configGeneration, now: now)
        }
        let issued = state.issueOrder[known...].compactMap { state.tickets[$0] }
        return TicketListSource(
            tickets: .changed(since: since, ids.compactMap { state.tickets[$0] }, issued: issued),
            lines: TicketListSource.waitLines(state, config: config, now: now), config: config, version: version,
            configGeneration: configGeneration, now: now)
    }

    /// The ids of the tickets changed after version `since`; nil when that history is no longer kept.
    private func changedTickets(since: UInt64) -> Set<String>? {
        guard since < version else { return [] }
        guard let oldest = recentChanges.first?.version, oldest <= since + 1 else { return nil }
        var ids = Set<String>()
        for change in recentChanges where change.version > since { ids.formUnion(change.ids) }
        return ids
    }

    /// Counts a committed change of the state for list builders.
    private func newVersion(changing ids: [String], wholeDay: Bool) {
        version &+= 1
        if wholeDay { fullRebuildVersion = version }
        recentChanges.append((version, ids))
        if recentChanges.count > Self.recentChangesKept { recentChanges.removeFirst(recentChanges.count / 2) }
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
        configGeneration &+= 1
        newVersion(changing: [], wholeDay: false)
    }

    // MARK: Helpers

    /// The new ticket as the kiosk gets it. People ahead: every waiting ticket of the service for an
    /// ordinary ticket (it joined last), the waiting priority tickets for a priority one; the same
    /// count `WaitEstimator.estimate(for:)` makes by scanning the day.
    private func issuedAnswer(_ events: [QueueEvent], statusURL: String, now: Date) -> JSONValue {
        guard let id = events.last?.ticketID, let ticket = speculative.tickets[id] else { return .null }
        let count = waitingCount(ticket.service)
        let ahead = max(0, (ticket.isPriority ? count.priority : count.ordinary + count.priority) - 1)
        let estimate = WaitEstimator(config: config).estimate(
            service: ticket.service, peopleAhead: ahead, in: speculative, now: now)
        return QueueJSON.ticket(ticket, estimate: estimate, config: config, statusURL: statusURL)
    }

    private func waitingCount(_ service: String) -> WaitingCount {
        if let known = waitingCounts[service] { return known }
        var count = WaitingCount()
        for ticket in speculative.tickets.values where ticket.state == .waiting && ticket.service == service {
            if ticket.isPriority { count.priority += 1 } else { count.ordinary += 1 }
        }
        waitingCounts[service] = count
        return count
    }

    /// The server-sent event for one applied event: the ticket or counter as it is now. Tickets go
    /// without a wait estimate (`peopleAhead` and `estimate` null): an estimate costs a pass over the
    /// day's tickets, and displays that show one ask for the list.
    private func publication(for event: QueueEvent, in state: QueueState) -> (type: String, json: String) {
        let type = Self.eventName(event)
        switch event {
        case .counterOpened(_, let id), .counterClosed(_, let id):
            let definition = config.counter(id) ?? CounterDefinition(id: id, name: id, services: [])
            return (type, QueueJSONWriter.string(QueueJSON.counter(definition, in: state, config: config)))
        case .serviceSwitched(_, let service, let enabled):
            let json = JSONValue.object(JSONObject([("service", .string(service)), ("enabled", .bool(enabled))]))
            return (type, QueueJSONWriter.string(json))
        case .dailyReset(_, let day):
            return (type, QueueJSONWriter.string(.object(JSONObject([("day", .string(day.description))]))))
        default:
            guard let id = event.ticketID, let ticket = state.tickets[id] else { return (type, "{}") }
            return (type, QueueJSONWriter.string(QueueJSON.ticket(ticket, estimate: nil, config: config)))
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
