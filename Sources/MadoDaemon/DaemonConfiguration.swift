// SPDX-License-Identifier: Apache-2.0
// madod's configuration: one JSON file, read strictly. Every problem is reported with its JSON path,
// an unknown key is an error, and relative paths are taken relative to the file's own directory.
public import Foundation
public import MadoCore
public import MadoSystem

/// The site: the office or school this daemon serves.
public struct SiteConfiguration: Sendable, Equatable {
    public var name: String = "mado"
    /// An IANA zone such as Asia/Tokyo; business days and daily resets are counted in it.
    public var timeZone: String = "Asia/Tokyo"
}

public struct StoreConfiguration: Sendable, Equatable {
    public var path: String = "/var/lib/mado/mado.db"
}

public struct AdminConfiguration: Sendable, Equatable {
    /// Used when systemd does not pass the socket (socket activation takes precedence).
    public var socket: String = "/run/mado/admin.sock"
    /// Members of this group (and root) may use the admin socket; nil means root only.
    public var group: String? = "mado-admin"
}

public struct LANConfiguration: Sendable, Equatable {
    public var enabled: Bool = false
    public var address: String = "0.0.0.0"
    public var port: Int = 8080
    /// How phones and displays reach this daemon, for the URLs printed on tickets (e.g. http://192.0.2.10:8080).
    public var publicBaseURL: String?
}

/// A bearer token for a LAN device (kiosk, counter PC, display, teacher PC) and the roles it grants.
public struct DeviceToken: Sendable, Equatable {
    public var id: String
    public var token: String
    public var roles: Set<String>

    public static let knownRoles: Set<String> = ["kiosk", "counter", "display", "teacher"]
}

/// Everything madod reads from its configuration file.
public struct DaemonConfiguration: Sendable, Equatable {
    public var path: String
    public var site = SiteConfiguration()
    public var store = StoreConfiguration()
    public var admin = AdminConfiguration()
    public var lan = LANConfiguration()
    public var tokens: [DeviceToken] = []
    /// The kiosks' thermal ticket printers.
    public var ticketPrinters: [TicketPrinterConfiguration] = []
    /// Hall boards (web) and serial LED boards, and how calls are announced.
    public var displays: [DisplayConfiguration] = []
    public var announcements = AnnouncementSettings()
    public var logLevel: LogPriority = .info
    /// The ticket queue; nil when the config has no "queue" section (the queue routes then answer 503).
    public var queue: QueueSettings?
    /// The counter's forms and printers; nil when the config has no "forms" section (those routes then answer 503).
    public var forms: FormsConfiguration?

    public init(path: String) { self.path = path }
}

/// Reads and checks a configuration file.
public enum ConfigurationLoader {
    /// Shortest token accepted: a guessable token would let anyone on the LAN issue or call tickets.
    public static let minimumTokenLength = 16

    /// Loads `path`; on failure, every problem found, each naming its JSON path.
    public static func load(path: String) -> Result<DaemonConfiguration, ConfigurationProblems> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = describeReadFailure(path)
            return .failure(
                ConfigurationProblems(
                    path: path, problems: [ValidationProblem(path: "", message: "cannot read \(path): \(reason)")]))
        }
        return parse(data, path: path)
    }

    private static func describeReadFailure(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return "permission denied"
    }

    /// Parses configuration text; `path` anchors relative paths and names the file in messages.
    public static func parse(_ data: Data, path: String) -> Result<DaemonConfiguration, ConfigurationProblems> {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            return .failure(
                ConfigurationProblems(path: path, problems: [ValidationProblem(path: "", message: error.description)]))
        }
        let problems = ProblemList()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var config = DaemonConfiguration(path: URL(fileURLWithPath: path).standardizedFileURL.path)
        let element = JSONElementReader(value: root, path: "", problems: problems)
        _ = element.object { reader in
            read(reader, into: &config, directory: directory)
        }
        if !problems.isEmpty { return .failure(ConfigurationProblems(path: path, problems: problems.problems)) }
        return .success(config)
    }

    private static func read(_ reader: JSONObjectReader, into config: inout DaemonConfiguration, directory: String) {
        if let site = reader.object("site", { readSite($0) }) { config.site = site }
        if let store = reader.object(
            "store",
            { s in
                StoreConfiguration(
                    path: resolve(s.string("path", default: StoreConfiguration().path), against: directory))
            })
        {
            config.store = store
        }
        if let admin = reader.object("admin", { readAdmin($0, directory: directory) }) { config.admin = admin }
        if let lan = reader.object("lan", { readLAN($0) }) { config.lan = lan }
        if let tokens = reader.array("tokens", { $0.object { readToken($0) } ?? nil }) {
            config.tokens = tokens
            var seen = Set<String>()
            for (i, token) in tokens.enumerated() where !seen.insert(token.token).inserted {
                reader.problem("tokens[\(i)].token", "the same token is given to two devices; give each device its own")
            }
        }
        if let level = reader.object("log", { readLogLevel($0) }) { config.logLevel = level ?? .info }
        let siteName = config.site.name
        if let printers = reader.array(
            "ticketPrinters", { $0.object { TicketPrinterConfiguration.read($0, siteName: siteName) } ?? nil })
        {
            config.ticketPrinters = printers
            checkTicketPrinters(printers, tokens: config.tokens, reader: reader)
        }
        if let displays = reader.array(
            "displays", { $0.object { DisplayConfiguration.read($0, siteName: siteName) } ?? nil })
        {
            config.displays = displays
            var ids = Set<String>()
            for (i, display) in displays.enumerated() where !ids.insert(display.id).inserted {
                reader.problem("displays[\(i)].id", "another display already has the id \"\(display.id)\"")
            }
        }
        if let announcements = reader.object("announcements", { AnnouncementSettings.read($0) }) {
            config.announcements = announcements
        }
        // After "site": the queue's business days follow the site's time zone unless it names its own.
        let siteTimeZone = config.site.timeZone
        if let queue = reader.object("queue", { QueueSettings.read($0, siteTimeZone: siteTimeZone) }) {
            config.queue = queue
        }
        if let forms = reader.object("forms", { FormsConfiguration.read($0, directory: directory) }) {
            config.forms = forms
        }
        if let services = config.queue?.configuration.services.map(\.id) {
            for (i, display) in config.displays.enumerated() {
                for (j, service) in display.services.enumerated() where !services.contains(service) {
                    reader.problem(
                        "displays[\(i)].services[\(j)]",
                        "unknown service \"\(service)\" (queue.services: \(services.joined(separator: ", ")))")
                }
            }
        }
    }

    /// Ids are unique, a kiosk has one printer, and a kiosk names a token that exists.
    private static func checkTicketPrinters(
        _ printers: [TicketPrinterConfiguration], tokens: [DeviceToken], reader: JSONObjectReader
    ) {
        var ids = Set<String>()
        var kiosks = Set<String>()
        for (i, printer) in printers.enumerated() {
            if !ids.insert(printer.id).inserted {
                reader.problem("ticketPrinters[\(i)].id", "another ticket printer already has the id \"\(printer.id)\"")
            }
            guard let kiosk = printer.kiosk else { continue }
            if !kiosks.insert(kiosk).inserted {
                reader.problem("ticketPrinters[\(i)].kiosk", "the kiosk \"\(kiosk)\" already has a ticket printer")
            }
            if !tokens.contains(where: { $0.id == kiosk && $0.roles.contains("kiosk") }) {
                reader.problem(
                    "ticketPrinters[\(i)].kiosk", "no token with id \"\(kiosk)\" and the role kiosk in \"tokens\"")
            }
        }
    }

    private static func readSite(_ r: JSONObjectReader) -> SiteConfiguration {
        var site = SiteConfiguration()
        site.name = r.string("name", default: site.name)
        if let zone = r.string("timeZone") {
            if TimeZone(identifier: zone) == nil {
                r.problem("timeZone", "unknown time zone \"\(zone)\"; use an IANA name such as Asia/Tokyo")
            } else {
                site.timeZone = zone
            }
        }
        return site
    }

    private static func readAdmin(_ r: JSONObjectReader, directory: String) -> AdminConfiguration {
        var admin = AdminConfiguration()
        if let socket = r.string("socket") {
            let resolved = resolve(socket, against: directory)
            // sun_path holds 108 bytes including the terminating NUL.
            if resolved.utf8.count > 107 {
                r.problem(
                    "socket", "path is \(resolved.utf8.count) bytes long; a Unix socket path may have at most 107")
            }
            admin.socket = resolved
        }
        if r.has("group") {
            admin.group = r.string("group")
        } else if r.object.keys.contains("group") {
            admin.group = nil  // explicit null: root only
        }
        return admin
    }

    private static func readLAN(_ r: JSONObjectReader) -> LANConfiguration {
        var lan = LANConfiguration()
        lan.enabled = r.bool("enabled", default: false)
        lan.address = r.string("address", default: lan.address)
        lan.port = r.int("port", default: lan.port, in: 0...65535)
        if let url = r.string("publicBaseURL") {
            if let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
                parsed.host != nil
            {
                lan.publicBaseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                r.problem("publicBaseURL", "expected an http:// or https:// URL such as http://192.0.2.10:8080")
            }
        }
        return lan
    }

    private static func readToken(_ r: JSONObjectReader) -> DeviceToken? {
        let id = r.requiredString("id")
        let token = r.requiredString("token")
        let roles = r.stringArray("roles")
        if roles == nil && !r.has("roles") { r.problem("roles", "is required") }
        if let token, token.count < minimumTokenLength {
            r.problem("token", "must be at least \(minimumTokenLength) characters long")
        }
        for (i, role) in (roles ?? []).enumerated() where !DeviceToken.knownRoles.contains(role) {
            r.problem(
                "roles[\(i)]",
                "unknown role \"\(role)\"; expected one of \(DeviceToken.knownRoles.sorted().joined(separator: ", "))")
        }
        guard let id, let token, let roles else { return nil }
        return DeviceToken(id: id, token: token, roles: Set(roles))
    }

    private static func readLogLevel(_ r: JSONObjectReader) -> LogPriority? {
        let name = r.choice("level", ["error", "warning", "notice", "info", "debug"], default: "info")
        return LogPriority(name: name)
    }

    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }
}

/// The problems that made a configuration unusable.
public struct ConfigurationProblems: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problems: [ValidationProblem]

    /// One line per problem, as `madod --check` prints them.
    public var lines: [String] { problems.map { $0.path.isEmpty ? $0.message : "\($0.path): \($0.message)" } }
    public var description: String { lines.joined(separator: "\n") }
}
