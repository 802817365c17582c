// SPDX-License-Identifier: Apache-2.0
// `madoctl status`: is madod healthy, where are its files, what is it listening on, how are the devices.

/// Shows the daemon's version, uptime, store, listeners and device states.
public struct StatusCommand: Command {
    public static let name = "status"
    public static let abstract = "Show madod's version, uptime, database, listeners and device states."
    public static let signature = CommandSignature()

    public init(parsing arguments: ParsedArguments) throws(CLIError) {}

    public func run(in context: CommandContext) throws(CLIError) {
        let response = try context.client.get("/v1/status")
        if context.json { return context.writeRaw(response.body) }
        let status = try AnswerReader.read(response.body, from: "GET /v1/status") {
            $0.lenientObject(DaemonStatus.read)
        }
        context.output.write(Self.render(status))
    }

    /// The human-readable status block and devices table.
    public static func render(_ status: DaemonStatus) -> String {
        var lines = ["madod \(status.version), up \(HumanFormat.duration(seconds: status.uptimeSeconds))"]
        var facts: [(String, String)] = []
        if let site = status.siteName { facts.append(("Site", site)) }
        if let config = status.configPath { facts.append(("Config", config)) }
        if let store = status.store {
            var details: [String] = []
            if let schema = store.schemaVersion { details.append("schema \(schema)") }
            if let mode = store.journalMode { details.append("journal \(mode)") }
            if let size = store.sizeBytes { details.append(HumanFormat.bytes(size)) }
            if let wal = store.walBytes { details.append("WAL \(HumanFormat.bytes(wal))") }
            if let directoryMode = store.directoryMode { details.append("directory mode \(directoryMode)") }
            if let error = store.error { details = ["UNAVAILABLE: \(error)"] }
            facts.append(("Store", details.isEmpty ? store.path : "\(store.path) (\(details.joined(separator: ", ")))"))
        }
        let kindWidth = status.listeners.map { DisplayWidth.of($0.kind) }.max() ?? 0
        for (index, listener) in status.listeners.enumerated() {
            facts.append(
                (
                    index == 0 ? "Listeners" : "",
                    DisplayWidth.pad(listener.kind, to: kindWidth) + "  " + listener.address
                ))
        }
        let labelWidth = facts.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in facts {
            let prefix = label.isEmpty ? "" : label + ":"
            lines.append(DisplayWidth.pad(prefix, to: labelWidth + 1) + "  " + value)
        }
        var text = lines.joined(separator: "\n") + "\n\n"
        if status.devices.isEmpty {
            text += "Devices: none configured\n"
        } else {
            text += "Devices (\(status.devices.count))\n"
            var table = TextTable(headers: ["ID", "KIND", "STATE", "DETAIL"])
            for device in status.devices {
                table.append([device.id, device.kind, device.state, device.detail ?? ""])
            }
            text += table.rendered()
        }
        return text
    }
}
