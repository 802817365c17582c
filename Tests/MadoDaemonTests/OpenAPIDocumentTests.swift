// SPDX-License-Identifier: Apache-2.0
// docs/openapi.yaml must stay true: every route madod serves is documented with its method, and every
// documented operation exists.
import Foundation
import MadoServer
import MadoStore
import MadoSystem
import MadoTestThreads
import Testing

@testable import MadoDaemon

@Suite(.ownThread) struct OpenAPIDocumentTests {
    /// `METHOD /path` for every operation in the document (a small reader for its two-level layout).
    func documentedOperations() throws -> Set<String> {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: repository.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var operations = Set<String>()
        var inPaths = false
        var currentPath: String?
        for line in text.components(separatedBy: "\n") {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.hasPrefix(" ") && !line.isEmpty { break }
            if line.hasPrefix("  /") && line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if ["GET", "POST", "PUT", "DELETE", "PATCH"].contains(method) {
                    operations.insert("\(method) \(path)")
                }
            }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let database = try Database.openInMemory(migrations: MadoSchema.migrations)
        let broadcaster = EventBroadcaster()
        let log = Logger(label: "test", handler: InMemoryLogHandler())
        let config = DaemonConfiguration(path: "/etc/mado/madod.json")
        let context = DaemonContext(
            configuration: config, database: database, broadcaster: broadcaster,
            devices: DeviceRegistry(broadcaster: broadcaster),
            settings: RuntimeSettings(RuntimeSettings.values(from: config, log: log)),
            printers: KioskPrinters([], log: log), log: log)
        let served = Set(DaemonRoutes.all(context).map { "\($0.method) \($0.pattern)" })
        let documented = try documentedOperations()
        #expect(served.subtracting(documented).sorted() == [], "served but not in docs/openapi.yaml")
        #expect(documented.subtracting(served).sorted() == [], "in docs/openapi.yaml but not served")
        #expect(served.count >= 3)
    }
}
