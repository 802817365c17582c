// SPDX-License-Identifier: Apache-2.0
// Fills a store with the synthetic year fast enough for a benchmark: QueueEventLog.append encodes
// each event with JSONEncoder (a minute for 1.2 million), so the stored bodies are made by shifting
// the dates in the first day's bodies instead, and checked by decoding a sample of them.
import Foundation
import MadoCore
import MadoStore

/// Writes `queue_events` and `queue_days` rows as `QueueEventLog.append` would, for a log whose
/// days repeat the first day's pattern on consecutive calendar days (what `SyntheticCityLog` makes).
enum SyntheticEventStore {
    /// Appends `events` (split into days at each `dailyReset`) to the store in `database`.
    static func fill(_ database: Database, events: [QueueEvent]) throws(BenchError) {
        let days = splitIntoDays(events)
        guard let template = days.first, case .dailyReset(_, let firstDay) = events[template.lowerBound] else {
            throw BenchError("the synthetic year does not begin with a daily reset")
        }
        // The first day's bodies, encoded the real way, and where its dates sit in each of them.
        let templateBodies = events[template].map { Array($0.storageJSON().utf8) }
        // Timestamps are UTC, so a Tokyo business day's events carry the UTC dates around it.
        let patterns: [(offsetDays: Int, compact: Bool)] = [(-1, false), (0, false), (1, false), (0, true)]
        let templateTexts = patterns.map { dateText(firstDay, plusDays: $0.offsetDays, compact: $0.compact) }
        let places = templateBodies.map { body in
            templateTexts.enumerated().flatMap { index, text in
                occurrences(of: Array(text.utf8), in: body).map { ($0, index) }
            }
        }

        do {
            try database.writeSync { connection in
                var seq: Int64 = 1
                for (dayIndex, range) in days.enumerated() {
                    guard range.count == template.count, case .dailyReset(_, let day) = events[range.lowerBound] else {
                        throw BenchError("day \(dayIndex + 1) of the synthetic year does not repeat the first day")
                    }
                    let texts = patterns.map {
                        Array(dateText(firstDay, plusDays: $0.offsetDays + dayIndex, compact: $0.compact).utf8)
                    }
                    try connection.execute(
                        "INSERT INTO queue_days (day, first_seq) VALUES (?, ?)",
                        [.text(day.description), .integer(seq)])
                    var rows: [SQLValue] = []
                    var rowCount = 0
                    for (offset, eventIndex) in range.enumerated() {
                        var body = templateBodies[offset]
                        for (position, pattern) in places[offset] {
                            body.replaceSubrange(position..<position + texts[pattern].count, with: texts[pattern])
                        }
                        let text = String(decoding: body, as: UTF8.self)
                        // Every 997th body is decoded and compared with the event it stands for.
                        if eventIndex % 997 == 0, (try? QueueEvent(storageJSON: text)) != events[eventIndex] {
                            throw BenchError(
                                "a shifted stored event of day \(day) does not decode to the generated one")
                        }
                        let event = events[eventIndex]
                        rows += [
                            .integer(seq), .text(day.description), .text(event.type), SQLValue(event.ticketID),
                            .text(text),
                        ]
                        seq += 1
                        rowCount += 1
                        if rowCount == 1000 || offset == range.count - 1 {
                            try connection.execute(
                                "INSERT INTO queue_events (seq, day, type, ticket, body) VALUES "
                                    + Array(repeating: "(?, ?, ?, ?, ?)", count: rowCount).joined(separator: ", "),
                                rows)
                            rows.removeAll(keepingCapacity: true)
                            rowCount = 0
                        }
                    }
                }
            }
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError("cannot write the synthetic year to the store: \(error)")
        }
    }

    /// Index ranges of `events`, one per business day, each starting at its `dailyReset`.
    static func splitIntoDays(_ events: [QueueEvent]) -> [Range<Int>] {
        var starts: [Int] = []
        for (index, event) in events.enumerated() {
            if case .dailyReset = event { starts.append(index) }
        }
        return starts.enumerated().map { i, start in start..<(i + 1 < starts.count ? starts[i + 1] : events.count) }
    }

    /// "2026-04-01" (or "20260401"): the calendar date `plusDays` days after `day`.
    private static func dateText(_ day: BusinessDay, plusDays: Int, compact: Bool) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let noon = utc.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let parts = utc.dateComponents([.year, .month, .day], from: noon.addingTimeInterval(Double(plusDays) * 86_400))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let separator = compact ? "" : "-"
        return "\(parts.year!)\(separator)\(two(parts.month!))\(separator)\(two(parts.day!))"
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle {
                found.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }
}
