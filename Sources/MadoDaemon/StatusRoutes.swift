// SPDX-License-Identifier: Apache-2.0
// GET /v1/status, GET /v1/events and the LAN landing page.
import Foundation
import MadoCore
import MadoServer
import MadoStore

/// The daemon's own routes (every feature adds its own file of routes beside this one).
enum StatusRoutes {
    struct Status: Encodable {
        let version: String
        let startedAt: Date
        let uptimeSeconds: Double
        let configPath: String
        let site: Site
        let store: StoreState
        let listeners: [ListenerStatus]
        let devices: [DeviceStatus]
        let eventSubscribers: Int
    }

    struct Site: Encodable {
        let name: String
        let timeZone: String
    }

    struct StoreState: Encodable {
        let ok: Bool
        let path: String
        let schemaVersion: Int?
        let journalMode: String?
        let sizeBytes: Int64?
        let walBytes: Int64?
        let directoryMode: String?
        let error: String?
    }

    static func routes(_ context: DaemonContext) -> [Route] {
        [
            Route("GET", "/v1/status") { _, _ in
                let config = context.config
                return .json(
                    Status(
                        version: MadoVersion.current, startedAt: context.startedAt,
                        uptimeSeconds: (context.uptimeSeconds * 1000).rounded() / 1000,
                        configPath: config.path, site: Site(name: config.site.name, timeZone: config.site.timeZone),
                        store: await storeState(context), listeners: context.listeners,
                        devices: await context.devices.all(), eventSubscribers: context.broadcaster.subscriberCount))
            },
            Route("GET", "/v1/events", access: .token(roles: ["counter", "teacher"])) { request, _ in
                .eventStream(context.broadcaster.subscribe(lastEventID: request.lastEventID))
            },
            Route("GET", "/", access: .open) { _, _ in
                .text(landingPage(siteName: context.config.site.name), contentType: "text/html; charset=utf-8")
            },
        ]
    }

    static func storeState(_ context: DaemonContext) async -> StoreState {
        do {
            let s = try await context.database.currentStatus()
            return StoreState(
                ok: true, path: s.path, schemaVersion: s.schemaVersion, journalMode: s.journalMode,
                sizeBytes: s.sizeBytes, walBytes: s.walBytes, directoryMode: s.directoryMode, error: nil)
        } catch {
            return StoreState(
                ok: false, path: context.database.path, schemaVersion: nil, journalMode: nil, sizeBytes: nil,
                walBytes: nil, directoryMode: nil, error: "\(error)")
        }
    }

    static func landingPage(siteName: String) -> String {
        let name = siteName.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <!doctype html>
            <html lang="ja"><head><meta charset="utf-8"><title>mado — \(name)</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: 'IPAexGothic', sans-serif; margin: 2em">
            <h1>mado</h1><p>\(name)</p>
            <p>このサーバーは窓口の番号札・呼出表示・帳票印刷を担当しています。</p>
            </body></html>
            """
    }
}
