// SPDX-License-Identifier: Apache-2.0
// The live queue as a projection of the event log: today's tickets, counters, numbering.
public import Foundation

/// The current business day's queue, rebuilt by applying events in order.
///
/// `apply` is total: it never traps and ignores events about tickets it does not know, so a log that
/// starts mid-day still replays. To rebuild after a restart, replay the events from the first
/// `dailyReset` of the current business day (older events only warm up the wait estimator's
/// service-time history). Issuing costs O(1) in the number of today's tickets.
public struct QueueState: Sendable, Equatable {
    /// The business day of the tickets held; nil before the first event.
    public private(set) var day: BusinessDay?
    public private(set) var tickets: [String: Ticket] = [:]
    /// Ticket ids in issue order.
    public private(set) var issueOrder: [String] = []
    public private(set) var counters: [String: CounterState] = [:]
    /// Services switched off for the rest of the day by `serviceSwitched`.
    public private(set) var switchedOff: Set<String> = []
    /// The highest sequence issued today per number prefix ("A"), so numbers are never reused.
    public private(set) var lastSequence: [String: Int] = [:]
    /// Recent service times per service, oldest first; kept across days for the morning's estimates.
    public private(set) var serviceTimes: [String: [ServiceTimeSample]] = [:]
    public private(set) var lastEventAt: Date?

    private var idByNumber: [String: String] = [:]
    private var idByToken: [String: String] = [:]

    /// How many service times per service are kept for the estimator.
    public static let serviceTimeCapacity = 200

    public init() {}

    /// The state after applying `events` in order to an empty state.
    public static func replay(_ events: some Sequence<QueueEvent>) -> QueueState {
        var state = QueueState()
        for event in events { state.apply(event) }
        return state
    }

    // MARK: Lookups

    /// A ticket by id ("20261203-A-023") or by today's number ("A-023", "a23", "A023").
    public func ticket(_ reference: String) -> Ticket? {
        if let t = tickets[reference] { return t }
        guard let normalized = Self.normalizedNumber(reference), let id = idByNumber[normalized] else { return nil }
        return tickets[id]
    }

    /// The ticket whose status page token is `token`.
    public func ticket(token: String) -> Ticket? { idByToken[token].flatMap { tickets[$0] } }

    /// Today's tickets in issue order.
    public var ticketsInIssueOrder: [Ticket] { issueOrder.compactMap { tickets[$0] } }

    /// The waiting tickets of `service` in the order they will be called by that service's queue:
    /// priority first, then by place in the queue, then by number.
    public func waiting(service: String) -> [Ticket] {
        waitingIDs(service: service).compactMap { tickets[$0] }
    }

    /// The ids of `waiting(service:)`.
    public func waitingIDs(service: String) -> [String] {
        var keys: [WaitingKey] = []
        for ticket in tickets.values where ticket.state == .waiting && ticket.service == service {
            keys.append(WaitingKey(ticket))
        }
        return WaitingKey.callOrder(keys)
    }

    /// What orders a service's waiting tickets. Sorting these rather than tickets matters: moving
    /// whole `Ticket`s (a dozen strings each) dominated the cost of a busy day's waiting list.
    public struct WaitingKey: Sendable {
        let isPriority: Bool
        let queuedAt: Date
        let id: String

        public init(_ ticket: Ticket) {
            isPriority = ticket.isPriority
            queuedAt = ticket.queuedAt
            id = ticket.id
        }

        /// The ids in `callsBefore` order.
        public static func callOrder(_ keys: [WaitingKey]) -> [String] {
            keys.sorted(by: callsBefore).map(\.id)
        }

        /// `QueueState.callsBefore` on keys.
        public static func callsBefore(_ a: WaitingKey, _ b: WaitingKey) -> Bool {
            if a.isPriority != b.isPriority { return a.isPriority }
            if a.queuedAt != b.queuedAt { return a.queuedAt < b.queuedAt }
            return a.id < b.id
        }
    }

    /// The order within one service's queue.
    public static func callsBefore(_ a: Ticket, _ b: Ticket) -> Bool {
        if a.isPriority != b.isPriority { return a.isPriority }
        if a.queuedAt != b.queuedAt { return a.queuedAt < b.queuedAt }
        return a.id < b.id
    }

    /// "A-023", "a23", "A 023" → "A-023"'s key form "A-23" (prefix upper-cased, number without zeros).
    static func normalizedNumber(_ text: String) -> String? {
        let trimmed = text.filter { $0 != "-" && $0 != " " && $0 != "－" }
        let letters = trimmed.prefix { $0.isASCII && $0.isLetter }
        let digits = trimmed.dropFirst(letters.count)
        guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(digits)
        else { return nil }
        return letters.uppercased() + "-" + String(n)
    }

    // MARK: Applying events

    public mutating func apply(_ event: QueueEvent) {
        lastEventAt = event.at
        switch event {
        case .issued(let at, let day, let id, let service, let number, let sequence, let priority, let token):
            if self.day != day { beginDay(day) }
            guard tickets[id] == nil else { return }
            tickets[id] = Ticket(
                id: id, day: day, number: number, sequence: sequence, service: service, issuedService: service,
                priority: priority, token: token, issuedAt: at, queuedAt: at, enteredServiceAt: at, state: .waiting,
                callCount: 0, recallCount: 0, lastCalledAt: nil, counter: nil, noShowAt: nil, transferCount: 0,
                endedAt: nil)
            issueOrder.append(id)
            let prefix = Self.prefix(of: number)
            lastSequence[prefix] = max(lastSequence[prefix] ?? 0, sequence)
            if let key = Self.normalizedNumber(number) { idByNumber[key] = id }
            idByToken[token] = id

        case .called(let at, let id, let counterID, let mode, let ratioSlot):
            guard var ticket = tickets[id] else { return }
            if let previous = ticket.counter, previous != counterID, counters[previous]?.currentTicket == id {
                counters[previous]?.currentTicket = nil
            }
            switch mode {
            case .recall:
                ticket.recallCount += 1
            case .pickup:
                ticket.state = .pickup
                ticket.recallCount = 0
            case .next, .number:
                ticket.state = .called
                ticket.recallCount = 0
            }
            ticket.callCount += 1
            ticket.lastCalledAt = at
            ticket.counter = counterID
            tickets[id] = ticket
            var counter = counters[counterID] ?? CounterState(id: counterID, isOpen: false, ratioSlot: 0)
            if !counter.isOpen {
                counter.isOpen = true
                counter.openedAt = at
            }
            counter.currentTicket = id
            if let ratioSlot { counter.ratioSlot = ratioSlot }
            counters[counterID] = counter

        case .started(_, let id):
            guard tickets[id]?.state == .called else { return }
            tickets[id]?.state = .serving

        case .parked(_, let id):
            leaveCounter(id, recordingAt: nil)
            tickets[id]?.state = .parked

        case .pending(let at, let id):
            leaveCounter(id, recordingAt: at)
            tickets[id]?.state = .pending

        case .transferred(let at, let id, let service):
            guard var ticket = tickets[id] else { return }
            leaveCounter(id, recordingAt: at)
            ticket = tickets[id]!
            ticket.service = service
            ticket.state = .waiting
            ticket.queuedAt = ticket.issuedAt
            ticket.enteredServiceAt = at
            ticket.transferCount += 1
            ticket.recallCount = 0
            tickets[id] = ticket

        case .noShow(let at, let id, _):
            leaveCounter(id, recordingAt: nil)
            tickets[id]?.state = .noShow
            tickets[id]?.noShowAt = at

        case .returned(let at, let id):
            guard let ticket = tickets[id] else { return }
            let keepsPlace = ticket.state == .parked
            leaveCounter(id, recordingAt: nil)
            tickets[id]?.state = .waiting
            tickets[id]?.recallCount = 0
            if !keepsPlace { tickets[id]?.queuedAt = at }

        case .served(let at, let id):
            leaveCounter(id, recordingAt: at)
            tickets[id]?.state = .served
            tickets[id]?.endedAt = at

        case .cancelled(let at, let id):
            leaveCounter(id, recordingAt: nil)
            tickets[id]?.state = .cancelled
            tickets[id]?.endedAt = at

        case .counterOpened(let at, let id):
            var counter = counters[id] ?? CounterState(id: id, isOpen: false, ratioSlot: 0)
            if !counter.isOpen {
                counter.isOpen = true
                counter.openedAt = at
            }
            counters[id] = counter

        case .counterClosed(_, let id):
            counters[id]?.isOpen = false
            counters[id]?.openedAt = nil

        case .serviceSwitched(_, let service, let enabled):
            if enabled { switchedOff.remove(service) } else { switchedOff.insert(service) }

        case .dailyReset(let at, let day):
            if self.day != day {
                beginDay(day)
            } else {
                for id in issueOrder where tickets[id]!.state.isOpen {
                    tickets[id]!.state = .reset
                    tickets[id]!.endedAt = at
                }
                for id in counters.keys { counters[id]!.currentTicket = nil }
            }
        }
    }

    /// Drops the previous day's tickets and numbering; counters close and runtime switches reset.
    private mutating func beginDay(_ day: BusinessDay) {
        self.day = day
        tickets = [:]
        issueOrder = []
        lastSequence = [:]
        idByNumber = [:]
        idByToken = [:]
        switchedOff = []
        for id in counters.keys {
            counters[id] = CounterState(id: id, isOpen: false, currentTicket: nil, ratioSlot: 0, openedAt: nil)
        }
    }

    /// Frees the ticket's counter; when `recordingAt` is given and a counter was attending to the
    /// ticket (not a pickup), the call → now time becomes a service-time sample.
    private mutating func leaveCounter(_ id: String, recordingAt end: Date?) {
        guard let ticket = tickets[id] else { return }
        if let counter = ticket.counter, counters[counter]?.currentTicket == id {
            counters[counter]?.currentTicket = nil
        }
        if let end, ticket.state == .called || ticket.state == .serving, let start = ticket.lastCalledAt {
            var samples = serviceTimes[ticket.service] ?? []
            if samples.count >= Self.serviceTimeCapacity {
                samples.removeFirst(samples.count - Self.serviceTimeCapacity + 1)
            }
            samples.append(ServiceTimeSample(endedAt: end, seconds: max(0, end.timeIntervalSince(start))))
            serviceTimes[ticket.service] = samples
        }
    }

    static func prefix(of number: String) -> String {
        guard let dash = number.lastIndex(of: "-") else { return number }
        return String(number[..<dash]).uppercased()
    }
}
