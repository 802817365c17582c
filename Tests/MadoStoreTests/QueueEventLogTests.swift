// SPDX-License-Identifier: Apache-2.0
// The queue's event log in SQLite: business days per event, day ranges, round trips, damage, and
// the KPI cache of finished days.
import Foundation
import MadoCore
import MadoStore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueEventLogTests {
    static let day1 = BusinessDay(year: 2026, month: 12, day: 3)
    static let day2 = BusinessDay(year: 2026, month: 12, day: 4)
    static let start = Date(timeIntervalSince1970: 1_796_234_400)  // 2026-12-02T18:00:00Z = 03:00 JST

    static func issued(_ n: Int, on day: BusinessDay, at offset: Double) -> QueueEvent {
        .issued(
            at: EventTimestamp.rounded(start.addingTimeInterval(offset)), day: day,
            ticket: "\(day.compact)-A-00\(n)", service: "moving", number: "A-00\(n)", sequence: n, priority: nil,
            token: "token-\(day.compact)-\(n)")
    }

    static var twoDays: [QueueEvent] {
        [
            .dailyReset(at: start, day: day1),
            issued(1, on: day1, at: 20_000),
            .called(
                at: start.addingTimeInterval(20_100), ticket: "20261203-A-001", counter: "1", mode: .next,
                ratioSlot: nil),
            .counterClosed(at: start.addingTimeInterval(30_000), counter: "1"),
            .dailyReset(at: start.addingTimeInterval(86_400), day: day2),
            issued(1, on: day2, at: 106_400),
        ]
    }

    @Test func eventsAreStoredWithTheirBusinessDayAndReadBackEqual() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        let events = Self.twoDays
        let first = try database.writeSync { try QueueEventLog.append(Array(events[0..<3]), to: $0) }
        #expect(first == 1)
        // The next append starts mid-day: the counter event belongs to the day the log is in.
        _ = try database.writeSync { try QueueEventLog.append(Array(events[3...]), to: $0) }

        let (rows, days, readBack, lastDay) = try database.readSync { connection in
            (
                try connection.query("SELECT seq, day, type, ticket FROM queue_events ORDER BY seq"),
                try QueueEventLog.days(connection),
                try QueueEventLog.events(connection, seq: 1...QueueEventLog.lastSeq(connection)),
                try QueueEventLog.lastDay(connection)
            )
        }
        #expect(
            rows.map { $0.string("day") ?? "" } == [
                "2026-12-03", "2026-12-03", "2026-12-03", "2026-12-03", "2026-12-04", "2026-12-04",
            ])
        #expect(
            rows.map { $0.string("type") ?? "" } == [
                "dailyReset", "issued", "called", "counterClosed", "dailyReset", "issued",
            ])
        #expect(rows[1].string("ticket") == "20261203-A-001")
        #expect(rows[0]["ticket"] == .null)
        #expect(days == [QueueLogDay(day: Self.day1, firstSeq: 1), QueueLogDay(day: Self.day2, firstSeq: 5)])
        #expect(readBack == events)
        #expect(lastDay == Self.day2)
    }

    @Test func aLogCannotStartWithoutABusinessDay() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        let error = #expect(throws: StoreError.self) {
            try database.writeSync {
                try QueueEventLog.append([.counterOpened(at: Self.start, counter: "1")], to: $0)
            }
        }
        #expect(error?.message.contains("must begin with a dailyReset") == true)
        #expect(try database.readSync { try QueueEventLog.lastSeq($0) } == 0, "nothing was kept")
    }

    @Test func aDamagedEventStopsTheReadWithItsPosition() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        _ = try database.writeSync { try QueueEventLog.append(Self.twoDays, to: $0) }
        try database.writeSync { try $0.execute("UPDATE queue_events SET body = '{\"v\":1,\"type\":' WHERE seq = 3") }
        let error = #expect(throws: StoreError.self) {
            try database.readSync { try QueueEventLog.events($0, seq: 1...6) }
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("seq 3") == true)
    }

    @Test func kpiCacheEntriesAreKeptPerDayAndVersion() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        defer { try? database.close() }
        func entry(_ day: BusinessDay, version: Int) -> QueueKPICacheEntry {
            QueueKPICacheEntry(
                day: day, version: version, dailyCSV: "d \(day)\r\n", hourlyCSV: "h", countersCSV: "c",
                dailyJSON: "{}", hourlyJSON: "", countersJSON: "")
        }
        try database.writeSync { connection in
            try QueueKPICacheTable.store([entry(Self.day1, version: 1), entry(Self.day2, version: 2)], to: connection)
        }
        let loaded = try database.readSync {
            try QueueKPICacheTable.load(from: Self.day1, to: Self.day2, version: 1, connection: $0)
        }
        #expect(loaded == [entry(Self.day1, version: 1)], "an entry of another version is not used")
        try database.writeSync { try QueueKPICacheTable.store([entry(Self.day2, version: 1)], to: $0) }
        let both = try database.readSync {
            try QueueKPICacheTable.load(from: Self.day1, to: Self.day2, version: 1, connection: $0)
        }
        #expect(both.map(\.day) == [Self.day1, Self.day2])
    }
}
