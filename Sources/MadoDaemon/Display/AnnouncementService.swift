// SPDX-License-Identifier: Apache-2.0
// Turns each `ticket.called` into one `display.announce` per zone: scheduled, with chime and speech URLs.
import Foundation
import MadoCore
import MadoDevices
import MadoServer
import MadoSystem
import Synchronization

/// The announcer of the hall.
///
/// A thread reads the daemon's events (the subscription blocks, so it stays off the cooperative pool)
/// and hands each call to one task, which handles the calls strictly in order: it finds the zones of the
/// web boards showing the call's service, asks each zone's rules (mute, quiet hours), gets the speech
/// clip (from the cache or open_jtalk, on the speech object's own queue), books the announcement in the
/// zone's `AnnouncementQueue` and publishes
/// `display.announce` `{"zone","sequence","number","counterName","text","chime","speech","startsAt","durationMs"}`
/// (`chime` and `speech` are URLs under /display/audio/ or null). The boards play what they are given at
/// `startsAt`; the schedule is what keeps a second call from cutting off the first.
///
/// The configuration is read for every call, so a reload that changes zones, template or voice applies
/// to the next call.
final class AnnouncementService: Sendable {
    static let chimePath = "/display/audio/chime.wav"

    let speech: OpenJTalkSpeech
    let chime: ChimeSynthesizer
    let chimeWAV: SharedBytes
    private let context: DaemonContext
    /// Set by `start`: the reader of the daemon's events.
    private let follower = Mutex<EventFollower?>(nil)
    /// The clips announced since madod started: the only ones the audio route serves.
    private let announcedKeys = Mutex<Set<SpeechCacheKey>>([])
    private let worker = Mutex<Task<Void, Never>?>(nil)

    private init(context: DaemonContext, speech: OpenJTalkSpeech) {
        self.context = context
        self.speech = speech
        self.chime = ChimeSynthesizer()
        self.chimeWAV = SharedBytes([UInt8](chime.wav()))
    }

    /// Subscribes to the daemon's events and starts announcing. Speech clips are cached in
    /// `speech-cache/` beside the database (tests pass their own `speech`).
    static func start(context: DaemonContext, speech: OpenJTalkSpeech? = nil) -> AnnouncementService {
        let store = URL(fileURLWithPath: context.config.store.path).deletingLastPathComponent().path
        let service = AnnouncementService(
            context: context, speech: speech ?? OpenJTalkSpeech(cacheDirectory: store + "/speech-cache"))
        let (calls, continuation) = AsyncStream.makeStream(of: AnnouncementCall.self, bufferingPolicy: .unbounded)
        let follower = EventFollower(
            context.broadcaster, name: "mado.announcements",
            handle: { events in
                for event in events where event.type == "ticket.called" {
                    if let call = Self.call(fromTicketEvent: event.data) { continuation.yield(call) }
                }
            },
            ended: { continuation.finish() })
        service.follower.withLock { $0 = follower }
        let task = Task { [service] in
            await service.reportSpeech()
            var queue = AnnouncementQueue(timeZone: .current)
            var warnedAboutVoice = false
            for await call in calls {
                await service.announce(call, queue: &queue, warnedAboutVoice: &warnedAboutVoice)
            }
        }
        service.worker.withLock { $0 = task }
        return service
    }

    /// Shows in `/v1/status` whether calls can be spoken, when the config asks for speech (a voice is
    /// an install of its own, and its absence otherwise shows only in the log).
    func reportSpeech() async {
        let settings = context.config.announcements
        guard let voicePath = settings.voice else { return }
        let voice = OpenJTalkSpeech.Voice(path: voicePath, dictionary: settings.dictionary)
        let available = speech.isAvailable(voice)
        await context.devices.update(
            DeviceStatus(
                id: "speech", kind: "speech", state: available ? .ready : .warning,
                detail: available
                    ? nil
                    : "no speech, chime only: \(speech.executable), the voice \(voicePath) or the dictionary "
                        + "\(settings.dictionary) is missing"))
    }

    /// Stops reading events; the calls already read are still announced. (The broadcaster's shutdown
    /// stops it as well.)
    func stop() { follower.withLock { $0 }?.stop() }

    /// Whether `key` is a clip this daemon announced (and so may serve).
    func hasAnnounced(_ key: SpeechCacheKey) -> Bool { announcedKeys.withLock { $0.contains(key) } }

    /// The call in a `ticket.called` event's ticket JSON; nil when it names no counter.
    static func call(fromTicketEvent data: String) -> AnnouncementCall? {
        CalledTicket(eventData: data).map { ticket in
            AnnouncementCall(
                number: ticket.number, counter: ticket.counter, counterName: ticket.counterName,
                service: ticket.service, serviceName: ticket.serviceName, callCount: ticket.callCount)
        }
    }

    /// The zones of the web boards that show `service`, each once, sorted.
    static func zones(showing service: String, in displays: [DisplayConfiguration]) -> [String] {
        Set(displays.filter { $0.kind == .web && $0.shows(service: service) }.map(\.zone)).sorted()
    }

    private func announce(_ call: AnnouncementCall, queue: inout AnnouncementQueue, warnedAboutVoice: inout Bool) async
    {
        let config = context.config
        let zones = Self.zones(showing: call.service, in: config.displays)
        guard !zones.isEmpty else { return }
        let settings = config.announcements
        queue.timeZone = TimeZone(identifier: config.site.timeZone) ?? queue.timeZone
        let now = Date()
        let audible = zones.filter { zone in
            let rules = Self.rules(settings.zone(zone))
            if let silence = queue.silence(of: rules, at: now) {
                context.log.debug("announce: \(call.number) not announced in zone \(zone): \(silence.rawValue)")
                return false
            }
            return true
        }
        guard !audible.isEmpty else { return }
        var clip: OpenJTalkSpeech.Clip?
        if let voicePath = settings.voice {
            let voice = OpenJTalkSpeech.Voice(path: voicePath, dictionary: settings.dictionary)
            if speech.isAvailable(voice) {
                do {
                    clip = try await speech.clip(
                        for: AnnouncementText.spoken(settings.template, call: call), voice: voice)
                    warnedAboutVoice = false
                } catch {
                    context.log.warning("announce: \(call.number) with the chime only: \(error)")
                }
            } else if !warnedAboutVoice {
                warnedAboutVoice = true
                context.log.warning(
                    "announce: no speech: \(speech.executable), the voice \(voicePath) or the dictionary"
                        + " \(settings.dictionary) is missing (install open-jtalk, open-jtalk-mecab-naist-jdic and a voice)"
                )
            }
        }
        let sound = AnnouncementSound(
            chimeMs: settings.chime ? chime.durationMs : nil,
            speech: clip.map { AnnouncementSound.Speech(key: $0.key.hex, durationMs: $0.durationMs) })
        let text = AnnouncementText.written(settings.template, call: call)
        for zone in audible {
            switch queue.enqueue(
                call, zone: zone, text: text, sound: sound, rules: Self.rules(settings.zone(zone)), at: Date())
            {
            case .failure(let silence):
                context.log.debug("announce: \(call.number) not announced in zone \(zone): \(silence.rawValue)")
            case .success(let announcement):
                if let clip { announcedKeys.withLock { _ = $0.insert(clip.key) } }
                context.broadcaster.publish("display.announce", json: QueueJSONWriter.string(Self.json(announcement)))
            }
        }
    }

    static func rules(_ zone: AnnouncementSettings.Zone) -> AnnouncementZoneRules {
        AnnouncementZoneRules(mute: zone.mute, quietHours: zone.quietHours)
    }

    static func json(_ announcement: Announcement) -> JSONValue {
        .object(
            JSONObject([
                ("zone", .string(announcement.zone)), ("sequence", .number(String(announcement.sequence))),
                ("number", .string(announcement.call.number)), ("counterName", .string(announcement.call.counterName)),
                ("text", .string(announcement.text)),
                ("chime", announcement.sound.chimeMs == nil ? .null : .string(chimePath)),
                ("speech", announcement.sound.speech.map { .string("/display/audio/\($0.key).wav") } ?? .null),
                ("startsAt", .string(EventTimestamp.format(announcement.startsAt))),
                ("durationMs", .number(String(announcement.durationMs))),
            ]))
    }
}
