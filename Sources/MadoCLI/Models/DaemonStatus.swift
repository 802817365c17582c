// SPDX-License-Identifier: Apache-2.0
// madoctl's view of `GET /v1/status`: the daemon, its database, its listeners and its devices.
internal import MadoCore

/// What `madoctl status` shows.
public struct DaemonStatus: Sendable, Equatable {
    public struct Store: Sendable, Equatable {
        public var path: String
        public var schemaVersion: Int?
        public var journalMode: String?
        public var sizeBytes: Int?
        public var walBytes: Int?
        public var directoryMode: String?
        /// Why the database could not be inspected, when it could not.
        public var error: String?
    }

    public struct Listener: Sendable, Equatable {
        public var kind: String
        public var address: String
    }

    public struct Device: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var state: String
        public var detail: String?
    }

    public var version: String
    public var uptimeSeconds: Double
    public var configPath: String?
    public var siteName: String?
    public var store: Store?
    public var listeners: [Listener]
    public var devices: [Device]

    static func read(_ r: JSONObjectReader) -> DaemonStatus? {
        let version = r.requiredString("version")
        let uptime = r.double("uptimeSeconds")
        let store: Store? = r.lenientObject("store") { s in
            guard let path = s.requiredString("path") else { return nil }
            return Store(
                path: path, schemaVersion: s.int("schemaVersion"), journalMode: s.string("journalMode"),
                sizeBytes: s.int("sizeBytes"), walBytes: s.int("walBytes"),
                directoryMode: s.element("directoryMode")?.text,
                error: s.bool("ok", default: true) ? nil : (s.string("error") ?? "unknown error"))
        }
        let listeners = r.lenientArray("listeners") { l -> Listener? in
            guard let kind = l.requiredString("kind"), let address = l.requiredString("address") else { return nil }
            return Listener(kind: kind, address: address)
        }
        let devices = r.lenientArray("devices") { d -> Device? in
            guard let id = d.requiredString("id"), let state = d.requiredString("state") else { return nil }
            return Device(id: id, kind: d.string("kind") ?? "", state: state, detail: d.string("detail"))
        }
        let siteName: String?? = r.lenientObject("site") { $0.string("name") }
        guard let version else { return nil }
        return DaemonStatus(
            version: version, uptimeSeconds: uptime ?? 0, configPath: r.string("configPath"), siteName: siteName ?? nil,
            store: store,
            listeners: listeners ?? [], devices: devices ?? [])
    }
}
