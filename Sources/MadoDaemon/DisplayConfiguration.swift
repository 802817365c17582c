// SPDX-License-Identifier: Apache-2.0
// The config's "displays" (hall boards and serial LED boards) and "announcements" (chime and speech).
public import MadoCore

/// Waiting counts at which a service shows as 混雑 or やや混み on a board (else 空き).
public struct CongestionThresholds: Sendable, Equatable {
    public var moderate: Int = 10
    public var busy: Int = 20

    public init(moderate: Int = 10, busy: Int = 20) {
        self.moderate = moderate
        self.busy = busy
    }
}

/// How a serial LED board wants a call: the bytes around a line of text, at a speed.
public struct SerialBoardSettings: Sendable, Equatable {
    public enum Encoding: String, Sendable, CaseIterable { case ascii, cp932 }

    /// The character device, e.g. /dev/ttyUSB0.
    public var device: String
    public var baud: Int
    public var encoding: Encoding
    /// Sent before and after each call's text, e.g. "\u0002" and "\u0003\r\n".
    public var prefix: String
    /// The call's text; placeholders {number} {counter} {counterName} {service} {serviceName}.
    public var template: String
    public var suffix: String

    public static let baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]
}

/// One display of the hall: a web board (`/display/{id}`) or a serial LED board.
public struct DisplayConfiguration: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case web, serial }

    public var id: String
    public var kind: Kind
    /// The announcement zone: calls for this display's services are announced in it.
    public var zone: String
    /// The services whose calls it shows; empty for every service.
    public var services: [String]
    /// The board's heading (the site's name unless given).
    public var title: String
    /// How many of the latest calls a web board lists.
    public var recentCalls: Int
    public var congestion: CongestionThresholds
    /// Only for `kind == .serial`.
    public var serial: SerialBoardSettings?

    /// Whether calls of `service` show on this display.
    public func shows(service: String) -> Bool { services.isEmpty || services.contains(service) }

    static func read(_ r: JSONObjectReader, siteName: String) -> DisplayConfiguration? {
        let id = r.requiredString("id")
        let kind = Kind(rawValue: r.choice("kind", Kind.allCases.map(\.rawValue), default: "web")) ?? .web
        let zone = r.string("zone", default: "main")
        let services = r.stringArray("services") ?? []
        let title = r.string("title", default: siteName)
        let recent = r.int("recentCalls", default: 6, in: 1...20)
        var congestion = CongestionThresholds()
        if let read = r.object(
            "congestion",
            { c in
                CongestionThresholds(
                    moderate: c.int("moderate", default: 10, in: 1...10_000),
                    busy: c.int("busy", default: 20, in: 1...10_000)
                )
            })
        {
            congestion = read
            if read.busy <= read.moderate {
                r.problem("congestion.busy", "must be larger than congestion.moderate (\(read.moderate))")
            }
        }
        var serial: SerialBoardSettings?
        if kind == .serial {
            serial = r.requiredObject("serial") { readSerial($0) } ?? nil
        } else if r.has("serial") {
            r.problem("serial", "only a display of kind \"serial\" has serial settings")
        }
        // /display/audio/… serves the announcements' sound files.
        if id == "audio" { r.problem("id", "\"audio\" is reserved (the board's sounds are under /display/audio/)") }
        guard let id else { return nil }
        return DisplayConfiguration(
            id: id, kind: kind, zone: zone, services: services, title: title, recentCalls: recent,
            congestion: congestion, serial: serial)
    }

    private static func readSerial(_ r: JSONObjectReader) -> SerialBoardSettings? {
        let device = r.requiredString("device")
        let baud = r.int("baud", default: 9600, in: 1...10_000_000)
        if !SerialBoardSettings.baudRates.contains(baud) {
            let rates = SerialBoardSettings.baudRates.map(String.init).joined(separator: ", ")
            r.problem("baud", "must be one of \(rates), found \(baud)")
        }
        let encodingName = r.choice(
            "encoding", SerialBoardSettings.Encoding.allCases.map(\.rawValue), default: "ascii")
        let template = r.string("template", default: "{number} {counter}")
        if let device, !device.hasPrefix("/") { r.problem("device", "expected an absolute path such as /dev/ttyUSB0") }
        let encoding = SerialBoardSettings.Encoding(rawValue: encodingName) ?? .ascii
        let prefix = r.string("prefix", default: "")
        let suffix = r.string("suffix", default: "\r\n")
        // The board's framing as the driver will build it: a byte the encoding cannot carry or an
        // unknown placeholder is a config problem, not a surprise at the first call.
        do {
            _ = try LEDBoardFrame(
                encoding: encoding == .cp932 ? .cp932 : .ascii, prefix: prefix, template: template, suffix: suffix)
        } catch {
            r.problem(error.field, error.message)
        }
        guard let device else { return nil }
        return SerialBoardSettings(
            device: device, baud: baud, encoding: encoding, prefix: prefix, template: template, suffix: suffix)
    }
}

/// How calls are announced: a chime, and Japanese speech where a voice is installed.
public struct AnnouncementSettings: Sendable, Equatable {
    public struct Zone: Sendable, Equatable {
        public var id: String
        public var mute: Bool
        /// Local times (the queue's time zone) with no sound, e.g. the lunch hour of a quiet office.
        public var quietHours: [ClosedRange<TimeOfDay>]

        public init(id: String, mute: Bool = false, quietHours: [ClosedRange<TimeOfDay>] = []) {
            self.id = id
            self.mute = mute
            self.quietHours = quietHours
        }
    }

    /// Zones not listed are not muted and have no quiet hours.
    public var zones: [Zone] = []
    /// What is spoken; placeholders {number} {counterName} {serviceName}.
    public var template = "受付番号 {number} 番の方、{counterName}へお越しください"
    /// An open_jtalk .htsvoice file; speech only when it is set and exists.
    public var voice: String?
    /// open_jtalk's dictionary directory.
    public var dictionary = "/var/lib/mecab/dic/open-jtalk/naist-jdic"
    public var chime = true

    public init() {}

    /// The settings of zone `id` (not muted, no quiet hours when not listed).
    public func zone(_ id: String) -> Zone { zones.first { $0.id == id } ?? Zone(id: id) }

    static func read(_ r: JSONObjectReader) -> AnnouncementSettings {
        var settings = AnnouncementSettings()
        settings.template = r.string("template", default: settings.template)
        settings.voice = r.string("voice")
        settings.dictionary = r.string("dictionary", default: settings.dictionary)
        settings.chime = r.bool("chime", default: true)
        settings.zones =
            r.array("zones") { element in
                element.object { z -> Zone? in
                    let id = z.requiredString("id")
                    let mute = z.bool("mute", default: false)
                    let hours =
                        z.array("quietHours") { h in
                            h.object { span -> ClosedRange<TimeOfDay>? in
                                let from = span.requiredString("from").flatMap { text in
                                    TimeOfDay(text)
                                        ?? {
                                            span.problem("from", "expected HH:MM"); return nil
                                        }()
                                }
                                let to = span.requiredString("to").flatMap { text in
                                    TimeOfDay(text)
                                        ?? {
                                            span.problem("to", "expected HH:MM"); return nil
                                        }()
                                }
                                guard let from, let to else { return nil }
                                guard from <= to else {
                                    span.problem("to", "must not be before \"from\"")
                                    return nil
                                }
                                return from...to
                            } ?? nil
                        } ?? []
                    return id.map { Zone(id: $0, mute: mute, quietHours: hours) }
                } ?? nil
            } ?? []
        return settings
    }
}
