// SPDX-License-Identifier: Apache-2.0
// One announcement at a time per zone: a quick second call is scheduled after the first, never over it.
public import Foundation

/// One call as the queue publishes it (`ticket.called`, also for a recall).
public struct AnnouncementCall: Sendable, Equatable {
    /// "A-023".
    public var number: String
    /// The counter's id, "3".
    public var counter: String
    /// The counter's name, "3番窓口".
    public var counterName: String
    /// The service's id, "moving".
    public var service: String
    /// The service's name, "引越し".
    public var serviceName: String
    /// 1 for the first call, 2 and more for recalls.
    public var callCount: Int

    public init(
        number: String, counter: String, counterName: String, service: String, serviceName: String, callCount: Int = 1
    ) {
        self.number = number
        self.counter = counter
        self.counterName = counterName
        self.service = service
        self.serviceName = serviceName
        self.callCount = callCount
    }
}

/// When a zone stays silent.
public struct AnnouncementZoneRules: Sendable, Equatable {
    /// No sound at all (a branch office that wants silence).
    public var mute: Bool
    /// Local times with no sound. Both ends are whole minutes and both are included: 12:00...12:59
    /// is silent from 12:00:00 to 12:59:59.
    public var quietHours: [ClosedRange<TimeOfDay>]

    public init(mute: Bool = false, quietHours: [ClosedRange<TimeOfDay>] = []) {
        self.mute = mute
        self.quietHours = quietHours
    }
}

/// Why a call was not announced.
public enum AnnouncementSilence: String, Error, Sendable, Equatable {
    /// The zone is muted.
    case muted
    /// The zone is in its quiet hours.
    case quietHours
    /// Neither a chime nor speech is configured.
    case nothingToPlay
    /// The zone is already booked further ahead than `AnnouncementQueue.maximumBacklogMs`: an
    /// announcement heard minutes after the call only confuses (the number is on the board anyway).
    case backlog
}

/// What one announcement plays: the chime, then speech.
public struct AnnouncementSound: Sendable, Equatable {
    /// The chime's length, or nil for no chime.
    public var chimeMs: Int?
    /// The speech clip, or nil for no speech.
    public var speech: Speech?

    /// A synthesised sentence: its cache key (see `SpeechCacheKey`) and length.
    public struct Speech: Sendable, Equatable {
        public var key: String
        public var durationMs: Int

        public init(key: String, durationMs: Int) {
            self.key = key
            self.durationMs = durationMs
        }
    }

    public init(chimeMs: Int?, speech: Speech?) {
        self.chimeMs = chimeMs
        self.speech = speech
    }

    /// Chime, a short breath, speech.
    public var durationMs: Int {
        let chime = chimeMs ?? 0
        guard let speech else { return chime }
        return chime + (chimeMs == nil ? 0 : AnnouncementQueue.chimeToSpeechMs) + speech.durationMs
    }
}

/// One scheduled announcement of a zone: what the display page plays, and when.
public struct Announcement: Sendable, Equatable {
    public var zone: String
    /// 1, 2, 3… within the zone, in the order the announcements play.
    public var sequence: Int
    public var call: AnnouncementCall
    /// The written sentence (for a caption).
    public var text: String
    public var sound: AnnouncementSound
    /// Not before the previous announcement of the zone has ended (plus a gap).
    public var startsAt: Date
    public var durationMs: Int

    public var endsAt: Date { startsAt.addingTimeInterval(Double(durationMs) / 1000) }
}

/// The per-zone schedule. A value type: the daemon keeps one and calls `enqueue` for each call, in the
/// order the calls happened.
///
/// FQM issue #138 is the failure this prevents: two tickets called in quick succession, and the second
/// announcement cut the first off. Here each zone's announcements are stamped one after another, so a
/// page that plays each at its `startsAt` never overlaps two; zones are independent (the main hall and a
/// branch counter can speak at once).
public struct AnnouncementQueue: Sendable {
    /// Pause between the chime and the speech.
    public static let chimeToSpeechMs = 200

    /// The site's time zone, for quiet hours.
    public var timeZone: TimeZone
    /// Silence after one announcement before the next, so that two numbers are not heard as one.
    public var gapMs: Int
    /// How far ahead a zone may be booked before further calls are left unannounced.
    public var maximumBacklogMs: Int

    private var zones: [String: ZoneSchedule] = [:]

    private struct ZoneSchedule: Sendable {
        var endsAt: Date
        var lastSequence: Int
    }

    public init(timeZone: TimeZone, gapMs: Int = 600, maximumBacklogMs: Int = 60_000) {
        self.timeZone = timeZone
        self.gapMs = gapMs
        self.maximumBacklogMs = maximumBacklogMs
    }

    /// Why `zone` with `rules` is silent at `now`, or nil when it may sound. Ask this before
    /// synthesising speech, which is wasted on a silent zone.
    public func silence(of rules: AnnouncementZoneRules, at now: Date) -> AnnouncementSilence? {
        if rules.mute { return .muted }
        if !rules.quietHours.isEmpty {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = calendar.dateComponents([.hour, .minute], from: now)
            if let local = TimeOfDay(hour: parts.hour ?? 0, minute: parts.minute ?? 0),
                rules.quietHours.contains(where: { $0.contains(local) })
            {
                return .quietHours
            }
        }
        return nil
    }

    /// Schedules `call` in `zone` after whatever the zone already has, or returns why it stays silent
    /// (`.failure`). Silent calls take no place in the schedule and no sequence number.
    public mutating func enqueue(
        _ call: AnnouncementCall, zone: String, text: String, sound: AnnouncementSound,
        rules: AnnouncementZoneRules, at now: Date
    ) -> Result<Announcement, AnnouncementSilence> {
        if let silence = silence(of: rules, at: now) { return .failure(silence) }
        guard sound.chimeMs != nil || sound.speech != nil else { return .failure(.nothingToPlay) }
        var schedule = zones[zone] ?? ZoneSchedule(endsAt: .distantPast, lastSequence: 0)
        let free = schedule.endsAt.addingTimeInterval(Double(gapMs) / 1000)
        let startsAt = max(now, free)
        if startsAt.timeIntervalSince(now) * 1000 > Double(maximumBacklogMs) { return .failure(.backlog) }
        let announcement = Announcement(
            zone: zone, sequence: schedule.lastSequence + 1, call: call, text: text, sound: sound, startsAt: startsAt,
            durationMs: sound.durationMs)
        schedule.endsAt = announcement.endsAt
        schedule.lastSequence = announcement.sequence
        zones[zone] = schedule
        return .success(announcement)
    }

    /// The end of the last announcement booked in `zone` (nil when it never had one).
    public func bookedUntil(zone: String) -> Date? { zones[zone]?.endsAt }
}
