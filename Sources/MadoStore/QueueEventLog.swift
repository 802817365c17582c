// SPDX-License-Identifier: Apache-2.0
// The queue's event log in SQLite: append in order, find business days, read a range back.
public import MadoCore

/// Where one business day begins in the log.
public struct QueueLogDay: Sendable, Equatable {
    public let day: BusinessDay
    /// The `seq` of the day's first event (its `dailyReset`).
    public let firstSeq: Int64

    public init(day: BusinessDay, firstSeq: Int64) {
        self.day = day
        self.firstSeq = firstSeq
    }
}

/// Reads and appends `queue_events`. Every function runs inside the caller's read or write body,
/// so an append of several events is one transaction: all of them are committed, or none.
public enum QueueEventLog {
    /// Appends `events` in order and returns the `seq` of the first one (nil for none).
    ///
    /// Each event is stored with its business day: a `dailyReset` or `issued` event names it, and
    /// any other event belongs to the day of the event before it (read from the log for the first).
    /// A log must therefore begin with a `dailyReset` or an `issued` event, as the engine's do.
    @discardableResult
    public static func append(_ events: [QueueEvent], to connection: Connection) throws -> Int64? {
        guard !events.isEmpty else { return nil }
        var day = try lastDay(connection)
        var first: Int64?
        for event in events {
            switch event {
            case .dailyReset(_, let begins): day = begins
            case .issued(_, let issuedDay, _, _, _, _, _, _): day = issuedDay
            default: break
            }
            guard let day else {
                throw StoreError(
                    kind: .query,
                    message: "cannot append a \(event.type) event to an empty queue log: the log must begin with "
                        + "a dailyReset event that names the business day")
            }
            try connection.execute(
                "INSERT INTO queue_events (day, type, ticket, body) VALUES (?, ?, ?, ?)",
                [.text(day.description), .text(event.type), SQLValue(event.ticketID), .text(event.storageJSON())])
            let seq = connection.lastInsertRowID
            if first == nil { first = seq }
            try connection.execute(
                "INSERT INTO queue_days (day, first_seq) VALUES (?, ?) ON CONFLICT (day) DO NOTHING",
                [.text(day.description), .integer(seq)])
        }
        return first
    }

    /// The business day of the last event in the log.
    public static func lastDay(_ connection: Connection) throws(StoreError) -> BusinessDay? {
        let value = try connection.scalar("SELECT day FROM queue_events ORDER BY seq DESC LIMIT 1")
        guard case .text(let text) = value else { return nil }
        return BusinessDay(text)
    }

    /// The `seq` of the last event, or 0 for an empty log.
    public static func lastSeq(_ connection: Connection) throws(StoreError) -> Int64 {
        guard case .integer(let seq) = try connection.scalar("SELECT max(seq) FROM queue_events") else { return 0 }
        return seq
    }

    /// Every business day in the log, oldest first.
    public static func days(_ connection: Connection) throws(StoreError) -> [QueueLogDay] {
        try connection.query("SELECT day, first_seq FROM queue_days ORDER BY day").compactMap { row in
            guard let text = row.string("day"), let day = BusinessDay(text), let seq = row.int64("first_seq") else {
                return nil
            }
            return QueueLogDay(day: day, firstSeq: seq)
        }
    }

    /// The stored JSON of the events with `seq` in `range`, in log order (decode them off the
    /// store's queue: decoding a month of events takes longer than reading them).
    public static func bodies(_ connection: Connection, seq range: ClosedRange<Int64>) throws -> [String] {
        var bodies: [String] = []
        try connection.forEachRow(
            "SELECT body FROM queue_events WHERE seq BETWEEN ? AND ? ORDER BY seq",
            [.integer(range.lowerBound), .integer(range.upperBound)]
        ) { row in
            if case .text(let body) = row[0] { bodies.append(body) }
        }
        return bodies
    }

    /// The events with `seq` in `range`, decoded.
    public static func events(_ connection: Connection, seq range: ClosedRange<Int64>) throws -> [QueueEvent] {
        try decode(bodies(connection, seq: range), firstSeq: range.lowerBound)
    }

    /// Decodes stored bodies; a body that cannot be read is reported with its position, because a
    /// damaged log must stop the queue rather than let it reuse ticket numbers.
    public static func decode(_ bodies: [String], firstSeq: Int64 = 1) throws(StoreError) -> [QueueEvent] {
        var events: [QueueEvent] = []
        events.reserveCapacity(bodies.count)
        for (offset, body) in bodies.enumerated() {
            do {
                events.append(try QueueEvent(storageJSON: body))
            } catch {
                throw StoreError(
                    kind: .corrupt,
                    message: "queue event near seq \(firstSeq + Int64(offset)) cannot be read (\(error)); the queue "
                        + "log is damaged: restore the latest backup of the database")
            }
        }
        return events
    }
}
