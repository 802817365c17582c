// SPDX-License-Identifier: Apache-2.0
// The per-zone announcement schedule: quick calls play one after another, zones apart, silence rules.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct AnnouncementQueueTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    /// 2026-12-03 10:00:00 in Tokyo.
    static let tenOClock = Date(timeIntervalSince1970: 1_796_259_600)
    static let sound = AnnouncementSound(
        chimeMs: 1_200, speech: AnnouncementSound.Speech(key: "0123456789abcdef0123456789abcdef", durationMs: 3_000))

    static func call(_ number: String, counter: String = "3") -> AnnouncementCall {
        AnnouncementCall(
            number: number, counter: counter, counterName: "\(counter)番窓口", service: "moving", serviceName: "引越し")
    }

    static func at(_ offsetMs: Int) -> Date { tenOClock.addingTimeInterval(Double(offsetMs) / 1000) }

    @Test func threeCallsWithin100msPlayCompletelyInOrderWithoutOverlap() throws {
        var queue = AnnouncementQueue(timeZone: Self.tokyo)
        var played: [Announcement] = []
        for (offset, number) in [(0, "A-001"), (40, "A-002"), (95, "A-003")] {
            let result = queue.enqueue(
                Self.call(number), zone: "main", text: number, sound: Self.sound, rules: .init(), at: Self.at(offset))
            played.append(try result.get())
        }
        #expect(played.map(\.call.number) == ["A-001", "A-002", "A-003"])
        #expect(played.map(\.sequence) == [1, 2, 3])
        // Each is whole: chime 1200 + breath 200 + speech 3000.
        #expect(played.allSatisfy { $0.durationMs == 4_400 })
        #expect(played[0].startsAt == Self.at(0))
        for (earlier, later) in zip(played, played.dropFirst()) {
            #expect(later.startsAt >= earlier.endsAt.addingTimeInterval(Double(queue.gapMs) / 1000))
        }
        #expect(played[2].startsAt == Self.at(2 * (4_400 + 600)))
    }

    @Test func aSecondZoneRunsIndependently() throws {
        var queue = AnnouncementQueue(timeZone: Self.tokyo)
        let hall = try queue.enqueue(
            Self.call("A-001"), zone: "main", text: "", sound: Self.sound, rules: .init(), at: Self.at(0)
        ).get()
        let branch = try queue.enqueue(
            Self.call("B-001", counter: "9"), zone: "annex", text: "", sound: Self.sound, rules: .init(),
            at: Self.at(10)
        ).get()
        let hallAgain = try queue.enqueue(
            Self.call("A-002"), zone: "main", text: "", sound: Self.sound, rules: .init(), at: Self.at(20)
        ).get()
        #expect(branch.startsAt == Self.at(10) && branch.sequence == 1)
        #expect(hall.sequence == 1 && hallAgain.sequence == 2)
        #expect(hallAgain.startsAt == hall.endsAt.addingTimeInterval(0.6))
    }

    @Test func anIdleZoneStartsAtOnce() throws {
        var queue = AnnouncementQueue(timeZone: Self.tokyo)
        _ = try queue.enqueue(
            Self.call("A-001"), zone: "main", text: "", sound: Self.sound, rules: .init(), at: Self.at(0)
        )
        .get()
        let later = try queue.enqueue(
            Self.call("A-002"), zone: "main", text: "", sound: Self.sound, rules: .init(), at: Self.at(60_000)
        ).get()
        #expect(later.startsAt == Self.at(60_000) && later.sequence == 2)
    }

    @Test func aMutedZoneStaysSilentAndKeepsItsSequence() throws {
        var queue = AnnouncementQueue(timeZone: Self.tokyo)
        let muted = queue.enqueue(
            Self.call("A-001"), zone: "branch", text: "", sound: Self.sound, rules: .init(mute: true), at: Self.at(0))
        #expect(muted == .failure(.muted))
        #expect(queue.bookedUntil(zone: "branch") == nil)
        let unmuted = try queue.enqueue(
            Self.call("A-002"), zone: "branch", text: "", sound: Self.sound, rules: .init(), at: Self.at(10)
        ).get()
        #expect(unmuted.sequence == 1 && unmuted.startsAt == Self.at(10))
    }

    @Test(arguments: [
        ("11:59", false), ("12:00", true), ("12:30", true), ("12:59", true), ("13:00", false), ("18:15", true),
    ])
    func quietHoursFollowTheSiteClock(time: String, silent: Bool) throws {
        let queue = AnnouncementQueue(timeZone: Self.tokyo)
        let rules = AnnouncementZoneRules(
            quietHours: [TimeOfDay("12:00")!...TimeOfDay("12:59")!, TimeOfDay("18:00")!...TimeOfDay("23:59")!])
        let local = TimeOfDay(time)!
        let instant = Self.tenOClock.addingTimeInterval(Double((local.minuteOfDay - 600) * 60 + 30))
        #expect(queue.silence(of: rules, at: instant) == (silent ? .quietHours : nil))
    }

    @Test func quietHoursAreLocalTimeNotUTC() {
        // 10:00 in Tokyo is 01:00 UTC: a zone quiet at 01:00 must sound at Tokyo's 10:00.
        let rules = AnnouncementZoneRules(quietHours: [TimeOfDay("01:00")!...TimeOfDay("01:30")!])
        #expect(AnnouncementQueue(timeZone: Self.tokyo).silence(of: rules, at: Self.tenOClock) == nil)
        #expect(
            AnnouncementQueue(timeZone: TimeZone(identifier: "UTC")!).silence(of: rules, at: Self.tenOClock)
                == .quietHours)
    }

    @Test func chimeOnlyAndSpeechOnlyDurations() throws {
        var queue = AnnouncementQueue(timeZone: Self.tokyo)
        let chimeOnly = try queue.enqueue(
            Self.call("A-001"), zone: "a", text: "", sound: .init(chimeMs: 1_200, speech: nil), rules: .init(),
            at: Self.at(0)
        ).get()
        let speechOnly = try queue.enqueue(
            Self.call("A-001"), zone: "b", text: "",
            sound: .init(chimeMs: nil, speech: .init(key: "k", durationMs: 2_500)),
            rules: .init(), at: Self.at(0)
        ).get()
        #expect(chimeOnly.durationMs == 1_200 && speechOnly.durationMs == 2_500)
        let nothing = queue.enqueue(
            Self.call("A-002"), zone: "a", text: "", sound: .init(chimeMs: nil, speech: nil), rules: .init(),
            at: Self.at(0))
        #expect(nothing == .failure(.nothingToPlay))
    }

    @Test func aBacklogBeyondAMinuteIsNotAnnounced() throws {
        var queue = AnnouncementQueue(timeZone: Self.tokyo, maximumBacklogMs: 10_000)
        var outcomes: [AnnouncementSilence?] = []
        for index in 0..<4 {
            let result = queue.enqueue(
                Self.call("A-00\(index)"), zone: "main", text: "", sound: Self.sound, rules: .init(), at: Self.at(index)
            )
            if case .failure(let silence) = result { outcomes.append(silence) } else { outcomes.append(nil) }
        }
        // 0 s, 5 s and 10 s are within 10 s; the fourth would start 15 s after its call.
        #expect(outcomes == [nil, nil, nil, .backlog])
    }
}
