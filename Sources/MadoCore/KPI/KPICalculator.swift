// SPDX-License-Identifier: Apache-2.0
// Computes the queue's KPIs from the event log in one pass, with per-group sample arrays.
internal import Foundation

/// Projects queue events onto `KPIReport`s. One pass, O(events) plus sorting each group's samples;
/// memory holds one business day of tickets at a time (everything closes at the daily reset).
/// Events must be in log order.
public struct KPICalculator: Sendable {
    public let config: QueueConfiguration

    public init(config: QueueConfiguration) {
        self.config = config
    }

    /// Daily rows per service for business days `from...to` (either bound optional).
    public func daily(_ events: [QueueEvent], from: BusinessDay? = nil, to: BusinessDay? = nil)
        -> [ServiceKPI]
    {
        report(events, from: from, to: to).daily
    }

    /// Hourly rows per service (local hour of each event).
    public func hourly(_ events: [QueueEvent], from: BusinessDay? = nil, to: BusinessDay? = nil)
        -> [ServiceKPI]
    {
        report(events, from: from, to: to).hourly
    }

    public func report(_ events: [QueueEvent], from: BusinessDay? = nil, to: BusinessDay? = nil)
        -> KPIReport
    {
        var pass = KPIPass(config: config, from: from, to: to)
        for event in events { pass.apply(event) }
        return pass.finish()
    }
}

/// The mutable work of one `KPICalculator.report` run.
private struct KPIPass {
    enum Phase { case waiting, atCounter, pickup, pending, parked, noShow, ended }

    /// Times below are whole milliseconds since 1970, converted to seconds in `finish`.
    struct Track {
        var day: BusinessDay
        var group: Int
        var issuedAt: Double
        var enteredAt: Double
        var lastCall: Double?
        var phase: Phase = .waiting
        /// The counter of the open transaction and when it began.
        var transactionCounter: Int?
        var transactionStart: Double = 0
        /// Where the no-show was counted, to undo it if the ticket returns.
        var noShowGroup: Int?
        var noShowHourly: Int?
    }

    struct Accumulator {
        var row: ServiceKPI
        var waits: [Double] = []
        var services: [Double] = []
        var stays: [Double] = []
    }

    struct CounterDay {
        var row: CounterKPI
        var openSince: Double?
        var lastActivity: Double = 0
    }

    let config: QueueConfiguration
    let from: BusinessDay?
    let to: BusinessDay?
    let serviceOrder: [String: Int]
    let counterOrder: [String: Int]

    var currentDay: BusinessDay?
    var trackIndex: [String: Int] = [:]
    var tracks: [Track] = []
    var groups: [Accumulator] = []
    var groupIndex: [GroupKey: Int] = [:]
    var hourly: [Accumulator] = []
    /// groups.count × 24 slots: the hourly accumulator of (group, hour), or -1.
    var hourlySlots: [Int] = []
    var counterDays: [CounterDay] = []
    var counterDayIndex: [GroupKey: Int] = [:]
    /// The open counter-day per counter id, for the current business day.
    var liveCounters: [String: Int] = [:]
    var offsetCache: (start: Double, end: Double, offset: Double) = (1, 0, 0)

    struct GroupKey: Hashable {
        let day: BusinessDay
        let id: String
    }

    init(config: QueueConfiguration, from: BusinessDay?, to: BusinessDay?) {
        self.config = config
        self.from = from
        self.to = to
        var serviceOrder: [String: Int] = [:]
        for (i, s) in config.services.enumerated() { serviceOrder[s.id] = i }
        var counterOrder: [String: Int] = [:]
        for (i, c) in config.counters.enumerated() { counterOrder[c.id] = i }
        self.serviceOrder = serviceOrder
        self.counterOrder = counterOrder
    }

    func inRange(_ day: BusinessDay) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }

    // MARK: Grouping

    mutating func group(_ day: BusinessDay, _ service: String) -> Int {
        let key = GroupKey(day: day, id: service)
        if let i = groupIndex[key] { return i }
        let name = config.service(service)?.name ?? service
        groups.append(Accumulator(row: ServiceKPI(day: day, hour: nil, service: service, serviceName: name)))
        hourlySlots.append(contentsOf: repeatElement(-1, count: 24))
        groupIndex[key] = groups.count - 1
        return groups.count - 1
    }

    /// The local hour of an instant (ms); the zone offset is looked up once per UTC hour.
    mutating func hour(_ milliseconds: Double) -> Int {
        let t = milliseconds / 1000
        if !(t >= offsetCache.start && t < offsetCache.end) {
            let start = (t / 3600).rounded(.down) * 3600
            let offset = Double(config.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: start)))
            offsetCache = (start, start + 3600, offset)
        }
        let local = Int(((t + offsetCache.offset) / 3600).rounded(.down))
        return ((local % 24) + 24) % 24
    }

    mutating func hourly(_ group: Int, _ t: Double) -> Int {
        let slot = group * 24 + hour(t)
        if hourlySlots[slot] >= 0 { return hourlySlots[slot] }
        let base = groups[group].row
        hourly.append(
            Accumulator(
                row: ServiceKPI(day: base.day, hour: slot % 24, service: base.service, serviceName: base.serviceName)))
        hourlySlots[slot] = hourly.count - 1
        return hourly.count - 1
    }

    /// Applies `change` to the daily and the hourly accumulator of a group.
    mutating func count(_ group: Int, at t: Double, _ change: (inout Accumulator) -> Void) {
        change(&groups[group])
        let h = hourly(group, t)
        change(&hourly[h])
    }

    mutating func counterDay(_ counter: String) -> Int? {
        if let i = liveCounters[counter] { return i }
        guard let day = currentDay, inRange(day) else { return nil }
        let key = GroupKey(day: day, id: counter)
        let i: Int
        if let existing = counterDayIndex[key] {
            i = existing
        } else {
            let name = config.counter(counter)?.name ?? counter
            counterDays.append(CounterDay(row: CounterKPI(day: day, counter: counter, counterName: name)))
            i = counterDays.count - 1
            counterDayIndex[key] = i
        }
        liveCounters[counter] = i
        return i
    }

    mutating func openCounter(_ counter: String, at t: Double) {
        guard let i = counterDay(counter) else { return }
        if counterDays[i].openSince == nil { counterDays[i].openSince = t }
        counterDays[i].lastActivity = max(counterDays[i].lastActivity, t)
    }

    mutating func closeCounter(_ i: Int, at t: Double) {
        if let since = counterDays[i].openSince {
            counterDays[i].row.openSeconds += max(0, t - since)
            counterDays[i].openSince = nil
        }
    }

    // MARK: Events

    mutating func apply(_ event: QueueEvent) {
        // Whole milliseconds (events are stored that way), so differences are exact.
        let t = (event.at.timeIntervalSince1970 * 1000).rounded()
        switch event {
        case .issued(_, let day, let id, let service, _, _, _, _):
            if currentDay != day { currentDay = day }
            guard inRange(day) else { return }
            let g = group(day, service)
            tracks.append(Track(day: day, group: g, issuedAt: t, enteredAt: t))
            trackIndex[id] = tracks.count - 1
            count(g, at: t) { $0.row.issued += 1 }

        case .called(_, let id, let counter, let mode, _):
            guard let i = trackIndex[id] else { return }
            switch mode {
            case .pickup: tracks[i].phase = .pickup
            case .recall: break
            case .next, .number: tracks[i].phase = .atCounter
            }
            tracks[i].lastCall = t
            if let c = counterDay(counter) {
                openCounter(counter, at: t)
                counterDays[c].row.calls += 1
                if tracks[i].transactionCounter != c {
                    endTransaction(i, at: t)
                    tracks[i].transactionCounter = c
                    tracks[i].transactionStart = t
                }
            }

        case .started:
            break

        case .served(_, let id):
            guard let i = trackIndex[id] else { return }
            if let c = tracks[i].transactionCounter { counterDays[c].row.served += 1 }
            finishVisit(i, at: t)
            let track = tracks[i]
            count(track.group, at: t) {
                $0.row.served += 1
                $0.stays.append(t - track.issuedAt)
            }
            endTransaction(i, at: t)
            tracks[i].phase = .ended

        case .pending(_, let id):
            guard let i = trackIndex[id] else { return }
            finishVisit(i, at: t)
            endTransaction(i, at: t)
            tracks[i].phase = .pending

        case .transferred(_, let id, let service):
            guard let i = trackIndex[id] else { return }
            finishVisit(i, at: t)
            endTransaction(i, at: t)
            count(tracks[i].group, at: t) { $0.row.transferred += 1 }
            tracks[i].group = group(tracks[i].day, service)
            tracks[i].enteredAt = t
            tracks[i].phase = .waiting

        case .parked(_, let id):
            guard let i = trackIndex[id] else { return }
            endTransaction(i, at: t)
            tracks[i].phase = .parked

        case .noShow(_, let id, _):
            guard let i = trackIndex[id] else { return }
            endTransaction(i, at: t)
            let g = tracks[i].group
            count(g, at: t) { $0.row.noShow += 1 }
            tracks[i].noShowGroup = g
            tracks[i].noShowHourly = hourly(g, t)
            tracks[i].phase = .noShow

        case .returned(_, let id):
            guard let i = trackIndex[id] else { return }
            endTransaction(i, at: t)
            if tracks[i].phase == .noShow, let g = tracks[i].noShowGroup, let h = tracks[i].noShowHourly {
                // A returning no-show is not a no-show after all.
                groups[g].row.noShow -= 1
                hourly[h].row.noShow -= 1
            }
            tracks[i].noShowGroup = nil
            tracks[i].noShowHourly = nil
            tracks[i].phase = .waiting

        case .cancelled(_, let id):
            guard let i = trackIndex[id] else { return }
            endTransaction(i, at: t)
            count(tracks[i].group, at: t) { $0.row.cancelled += 1 }
            tracks[i].phase = .ended

        case .counterOpened(_, let counter):
            openCounter(counter, at: t)

        case .counterClosed(_, let counter):
            guard let c = liveCounters[counter] else { return }
            counterDays[c].lastActivity = max(counterDays[c].lastActivity, t)
            closeCounter(c, at: t)

        case .serviceSwitched:
            break

        case .dailyReset(_, let day):
            for i in tracks.indices {
                switch tracks[i].phase {
                case .ended, .noShow: continue
                default:
                    endTransaction(i, at: t)
                    count(tracks[i].group, at: t) { $0.row.removedByReset += 1 }
                    tracks[i].phase = .ended
                }
            }
            if currentDay != day {
                // Everything of the previous day is closed: free its tickets and counters.
                tracks.removeAll(keepingCapacity: true)
                trackIndex.removeAll(keepingCapacity: true)
                for c in liveCounters.values { closeCounter(c, at: counterDays[c].lastActivity) }
                liveCounters.removeAll(keepingCapacity: true)
                currentDay = day
            }
        }
    }

    /// Records the waiting and service time of a visit that ends at the counter.
    mutating func finishVisit(_ i: Int, at t: Double) {
        let track = tracks[i]
        guard track.phase == .atCounter, let call = track.lastCall else { return }
        count(track.group, at: t) {
            $0.waits.append(max(0, call - track.enteredAt))
            $0.services.append(max(0, t - call))
        }
    }

    static func toSeconds(_ milliseconds: inout [Double]) {
        for i in milliseconds.indices { milliseconds[i] /= 1000 }
    }

    /// Adds the open counter transaction's time to the counter's busy time.
    mutating func endTransaction(_ i: Int, at t: Double) {
        guard let c = tracks[i].transactionCounter else { return }
        counterDays[c].row.busySeconds += max(0, t - tracks[i].transactionStart)
        counterDays[c].lastActivity = max(counterDays[c].lastActivity, t)
        tracks[i].transactionCounter = nil
    }

    mutating func finish() -> KPIReport {
        for c in liveCounters.values { closeCounter(c, at: counterDays[c].lastActivity) }
        func rows(_ accumulators: inout [Accumulator]) -> [ServiceKPI] {
            var result: [ServiceKPI] = []
            result.reserveCapacity(accumulators.count)
            for i in accumulators.indices {
                var row = accumulators[i].row
                Self.toSeconds(&accumulators[i].waits)
                Self.toSeconds(&accumulators[i].services)
                Self.toSeconds(&accumulators[i].stays)
                row.waiting = DurationSummary(sorting: &accumulators[i].waits)
                row.serviceTime = DurationSummary(sorting: &accumulators[i].services)
                row.stay = DurationSummary(sorting: &accumulators[i].stays)
                result.append(row)
            }
            return result
        }
        let daily = Self.sorted(rows(&groups), serviceOrder: serviceOrder)
        let hourlyRows = Self.sorted(rows(&hourly), serviceOrder: serviceOrder)
        var counterRank: [String: Int] = [:]
        for row in counterDays where counterRank[row.row.counter] == nil {
            counterRank[row.row.counter] = counterOrder[row.row.counter] ?? Int.max
        }
        let counterKeys = counterDays.enumerated().map { i, day in
            (Self.dayNumber(day.row.day), counterRank[day.row.counter]!, day.row.counter, i)
        }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        let counters = counterKeys.map { key in
            var row = counterDays[key.3].row
            row.openSeconds /= 1000
            row.busySeconds /= 1000
            return row
        }
        return KPIReport(daily: daily, hourly: hourlyRows, counters: counters)
    }

    /// Sorts rows by day, hour, then configuration order, comparing precomputed integer keys
    /// (a year of hourly rows is ~80,000 of them).
    static func sorted(_ rows: [ServiceKPI], serviceOrder: [String: Int]) -> [ServiceKPI] {
        var rank: [String: Int] = [:]
        let names = Set(rows.map(\.service)).sorted()
        for (i, name) in names.enumerated() {
            rank[name] = (serviceOrder[name] ?? serviceOrder.count) * names.count + i
        }
        let keys = rows.indices.map { i in
            (Self.dayNumber(rows[i].day) * 25 + (rows[i].hour ?? -1) + 1, rank[rows[i].service]!, i)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return keys.map { rows[$0.2] }
    }

    static func dayNumber(_ day: BusinessDay) -> Int { (day.year * 13 + day.month) * 32 + day.day }
}
