// SPDX-License-Identifier: Apache-2.0
// Decides which events a command produces, or why it is refused. Pure: time and tokens come in.
public import Foundation

/// The decide half of the queue: `decide` checks a command against the state and configuration and
/// returns the events to append; `QueueState.apply` is the other half. Callers persist the events,
/// then apply them, so a refused command changes nothing.
public enum QueueEngine {
    /// The events `command` produces at `now`.
    ///
    /// When the business day has changed since the state's day, the result starts with the
    /// `dailyReset` that begins the new day, so numbering restarts even if no timer fired.
    /// `callNext` never fails for an empty queue: it returns the events it did produce (opening
    /// the counter, serving the ticket still at it) without a `called` event. It passes over the
    /// tickets in `notYetHeld`: issued, but still being printed, so nobody holds them yet (a ticket
    /// the printer fails on is cancelled, and must not have been called meanwhile).
    public static func decide(
        _ command: QueueCommand, state: QueueState, config: QueueConfiguration, now rawNow: Date,
        notYetHeld: Set<String> = []
    ) throws(QueueError) -> [QueueEvent] {
        let now = EventTimestamp.rounded(rawNow)
        var events = dailyResetIfDue(state: state, config: config, now: now)
        var state = state
        for event in events { state.apply(event) }
        if case .reset = command {
            if events.isEmpty, let day = state.day { events.append(.dailyReset(at: now, day: day)) }
            return events
        }
        let decision = Decision(state: state, config: config, now: now, notYetHeld: notYetHeld)
        events += try decision.events(for: command)
        return events
    }

    /// The `dailyReset` due at `now`: when the state holds no day yet or an earlier business day.
    /// The daemon calls this from a timer at the reset time; `decide` calls it too.
    public static func dailyResetIfDue(state: QueueState, config: QueueConfiguration, now: Date) -> [QueueEvent] {
        let today = config.calendar.businessDay(of: now)
        if let day = state.day, day >= today { return [] }
        return [.dailyReset(at: EventTimestamp.rounded(now), day: today)]
    }

    /// The ticket a batch of events called, if any (for "call next" answers).
    public static func calledTicket(in events: [QueueEvent]) -> String? {
        for case .called(_, let ticket, _, _, _) in events.reversed() { return ticket }
        return nil
    }

    /// Whether `service` issues tickets at `now`: enabled in the configuration, not switched off for
    /// the day, and within its opening hours (what `issue` checks before refusing as `.closed`).
    public static func isIssuing(
        _ service: ServiceDefinition, state: QueueState, config: QueueConfiguration, now: Date
    ) -> Bool {
        guard service.enabled, !state.switchedOff.contains(service.id) else { return false }
        let local = config.calendar.localTime(of: now)
        return service.isOpen(weekday: local.weekday, minuteOfDay: local.minuteOfDay)
    }
}

/// One command's checks, with the state and configuration at hand.
private struct Decision {
    let state: QueueState
    let config: QueueConfiguration
    let now: Date
    let notYetHeld: Set<String>

    func events(for command: QueueCommand) throws(QueueError) -> [QueueEvent] {
        switch command {
        case .issue(let service, let priority, let token):
            return [try issue(service: service, priority: priority, token: token)]
        case .callNext(let counterID):
            let counter = try counter(counterID)
            var events = prepare(counter)
            let slot = state.counters[counter.id]?.ratioSlot ?? 0
            if let choice = CallSelector.choose(
                for: counter, ratioSlot: slot, in: state, now: now, skipping: notYetHeld)
            {
                events.append(
                    .called(
                        at: now, ticket: choice.ticket.id, counter: counter.id, mode: .next,
                        ratioSlot: choice.nextRatioSlot))
            }
            return events
        case .callNumber(let counterID, let number):
            return try callNumber(counter: try counter(counterID), number: number)
        case .recall(let reference):
            return try recall(try ticket(reference))
        case .start(let reference):
            let t = try ticket(reference, allowed: [.called], action: "started")
            return [.started(at: now, ticket: t.id)]
        case .park(let reference):
            let t = try ticket(reference, allowed: [.called, .serving], action: "parked")
            return [.parked(at: now, ticket: t.id)]
        case .pending(let reference):
            let t = try ticket(reference, allowed: [.called, .serving], action: "set pending")
            return [.pending(at: now, ticket: t.id)]
        case .transfer(let reference, let serviceID):
            let t = try ticket(reference, allowed: [.waiting, .called, .serving, .parked], action: "transferred")
            guard let target = config.service(serviceID) else {
                throw QueueError(.notFound, "there is no service \"\(serviceID)\"", field: "service")
            }
            guard target.id != t.service else {
                throw QueueError(
                    .invalid, "ticket \(t.number) is already in \(target.name) (\(target.prefix))", field: "service")
            }
            return [.transferred(at: now, ticket: t.id, service: target.id)]
        case .noShow(let reference):
            let t = try ticket(reference, allowed: [.called, .pickup], action: "marked a no-show")
            return [.noShow(at: now, ticket: t.id, automatic: false)]
        case .returnToQueue(let reference):
            let t = try ticket(reference, allowed: [.noShow, .parked, .called], action: "returned to the queue")
            if t.state == .noShow { try checkReturnWindow(t) }
            return [.returned(at: now, ticket: t.id)]
        case .served(let reference):
            let t = try ticket(reference, allowed: [.called, .serving, .pickup, .pending], action: "marked served")
            return [.served(at: now, ticket: t.id)]
        case .cancel(let reference):
            let t = try ticket(
                reference, allowed: [.waiting, .called, .serving, .parked, .pending, .pickup, .noShow],
                action: "cancelled")
            return [.cancelled(at: now, ticket: t.id)]
        case .openCounter(let counterID):
            let counter = try counter(counterID)
            return state.counters[counter.id]?.isOpen == true ? [] : [.counterOpened(at: now, counter: counter.id)]
        case .closeCounter(let counterID):
            let counter = try counter(counterID)
            guard let live = state.counters[counter.id], live.isOpen else { return [] }
            if let current = live.currentTicket, let t = state.tickets[current], t.state.isAtCounter {
                throw QueueError(
                    .invalidTransition,
                    "counter \(counter.name) is attending ticket \(t.number); mark it served, parked or a no-show "
                        + "before closing the counter")
            }
            return [.counterClosed(at: now, counter: counter.id)]
        case .setServiceEnabled(let serviceID, let enabled):
            guard let service = config.service(serviceID) else {
                throw QueueError(.notFound, "there is no service \"\(serviceID)\"", field: "service")
            }
            let isOn = !state.switchedOff.contains(service.id)
            return isOn == enabled ? [] : [.serviceSwitched(at: now, service: service.id, enabled: enabled)]
        case .reset:
            return []  // handled by QueueEngine.decide
        }
    }

    // MARK: Issuing

    private func issue(service serviceID: String, priority: String?, token: String) throws(QueueError) -> QueueEvent {
        guard let service = config.service(serviceID) else {
            throw QueueError(.notFound, "there is no service \"\(serviceID)\"", field: "service")
        }
        if let priority, !config.priorityCategories.contains(priority) {
            let known = config.priorityCategories.isEmpty ? "none" : config.priorityCategories.joined(separator: ", ")
            throw QueueError(
                .invalid, "unknown priority category \"\(priority)\" (configured: \(known))", field: "priority")
        }
        guard !token.isEmpty else {
            throw QueueError(.invalid, "a ticket needs a status token", field: "token")
        }
        guard state.ticket(token: token) == nil else {
            throw QueueError(.invalid, "the status token is already used by another ticket today", field: "token")
        }
        let label = "\(service.name) (\(service.prefix))"
        guard service.enabled else {
            throw QueueError(.closed, "service \(label) is switched off in the configuration", field: "service")
        }
        guard !state.switchedOff.contains(service.id) else {
            throw QueueError(.closed, "service \(label) has stopped issuing tickets for today", field: "service")
        }
        let local = config.calendar.localTime(of: now)
        guard service.isOpen(weekday: local.weekday, minuteOfDay: local.minuteOfDay) else {
            let time = OpeningInterval.text(local.minuteOfDay)
            let days =
                service.weekdays.isEmpty
                ? "" : " on " + service.weekdays.sorted().map { Self.weekdayNames[$0 - 1] }.joined(separator: ", ")
            throw QueueError(
                .closed,
                "service \(label) issues tickets \(service.hoursText)\(days); it is now "
                    + "\(Self.weekdayNames[local.weekday - 1]) \(time)",
                field: "service")
        }
        let prefix = service.prefix.uppercased()
        let next = max((state.lastSequence[prefix] ?? 0) + 1, service.numbers.lowerBound)
        guard next <= service.numbers.upperBound else {
            throw QueueError(
                .exhausted,
                "service \(label) has issued every number up to \(service.numberText(service.numbers.upperBound)) "
                    + "today; numbering restarts at the daily reset (\(config.resetTime))",
                field: "service")
        }
        let day = state.day ?? config.calendar.businessDay(of: now)
        let number = service.numberText(next)
        return .issued(
            at: now, day: day, ticket: "\(day.compact)-\(number)", service: service.id, number: number,
            sequence: next, priority: priority, token: token)
    }

    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    // MARK: Calling

    /// Opens the counter if needed and serves the ticket still at it ("next" ends the current visit,
    /// as Qmatic's call-next does; staff mark no-shows explicitly).
    private func prepare(_ counter: CounterDefinition) -> [QueueEvent] {
        var events: [QueueEvent] = []
        let live = state.counters[counter.id]
        if live?.isOpen != true { events.append(.counterOpened(at: now, counter: counter.id)) }
        if let current = live?.currentTicket, let t = state.tickets[current], t.state.isAtCounter {
            events.append(.served(at: now, ticket: t.id))
        }
        return events
    }

    private func callNumber(counter: CounterDefinition, number: String) throws(QueueError) -> [QueueEvent] {
        guard let t = state.ticket(number) else {
            throw QueueError(.notFound, "there is no ticket \"\(number)\" today", field: "number")
        }
        let mode: CallMode
        switch t.state {
        case .waiting, .parked, .noShow:
            if t.state == .noShow { try checkReturnWindow(t) }
            guard counter.services.contains(t.service) else {
                let name = config.service(t.service)?.name ?? t.service
                throw QueueError(
                    .invalid,
                    "counter \(counter.name) does not handle \(name); ticket \(t.number) cannot be called there",
                    field: "number")
            }
            mode = .number
        case .pending:
            mode = .pickup
        default:
            throw QueueError(
                .invalidTransition, "ticket \(t.number) is \(t.state.phrase); it cannot be called by number")
        }
        return prepare(counter) + [.called(at: now, ticket: t.id, counter: counter.id, mode: mode, ratioSlot: nil)]
    }

    private func recall(_ t: Ticket) throws(QueueError) -> [QueueEvent] {
        guard t.state == .called || t.state == .pickup, let counter = t.counter, let last = t.lastCalledAt else {
            throw QueueError(.invalidTransition, "ticket \(t.number) is \(t.state.phrase); it cannot be recalled")
        }
        let elapsed = Int(now.timeIntervalSince(last))
        guard elapsed >= config.recallCooldownSeconds else {
            throw QueueError(
                .tooSoon,
                "ticket \(t.number) was called \(max(0, elapsed)) s ago; it can be recalled "
                    + "\(config.recallCooldownSeconds) s after a call")
        }
        if t.recallCount >= config.noShowAfterRecalls {
            return [.noShow(at: now, ticket: t.id, automatic: true)]
        }
        return [.called(at: now, ticket: t.id, counter: counter, mode: .recall, ratioSlot: nil)]
    }

    private func checkReturnWindow(_ t: Ticket) throws(QueueError) {
        guard config.noShowReturnMinutes > 0 else {
            throw QueueError(
                .invalidTransition,
                "ticket \(t.number) is a no-show and returning no-shows is switched off; "
                    + "issue a new ticket")
        }
        if let missed = t.noShowAt, now.timeIntervalSince(missed) > Double(config.noShowReturnMinutes * 60) {
            throw QueueError(
                .invalidTransition,
                "ticket \(t.number) missed its call more than \(config.noShowReturnMinutes) min ago; issue a new ticket"
            )
        }
    }

    // MARK: Lookups

    private func counter(_ id: String) throws(QueueError) -> CounterDefinition {
        guard let counter = config.counter(id) else {
            throw QueueError(.notFound, "there is no counter \"\(id)\"", field: "counter")
        }
        return counter
    }

    private func ticket(_ reference: String) throws(QueueError) -> Ticket {
        guard let t = state.ticket(reference) else {
            throw QueueError(.notFound, "there is no ticket \"\(reference)\" today", field: "ticket")
        }
        return t
    }

    private func ticket(_ reference: String, allowed: Set<TicketState>, action: String) throws(QueueError) -> Ticket {
        let t = try ticket(reference)
        guard allowed.contains(t.state) else {
            throw QueueError(.invalidTransition, "ticket \(t.number) is \(t.state.phrase); it cannot be \(action)")
        }
        return t
    }
}
