// SPDX-License-Identifier: Apache-2.0
// The kiosks' ticket printers as madod runs them: which one prints a ticket, its bytes, its health.
import Dispatch
import Foundation
import MadoCore
import MadoDevices
import MadoRender
import MadoServer
import MadoSystem
import Synchronization

/// Every configured ticket printer, its renderer, and the watch that keeps `/v1/status` current.
final class KioskPrinters: Sendable {
    /// One printer with what it needs to turn an issued ticket into paper.
    struct Entry: Sendable {
        let config: TicketPrinterConfiguration
        let printer: TicketPrinter
        let renderer: TicketRenderer
    }

    /// How often an idle printer is asked for its status, so that a cover opened or a roll run out
    /// shows on the status page before the next resident presses the button.
    static let pollInterval: Duration = .seconds(15)

    let entries: [Entry]
    private let processIDs = Atomic<Int>(0)
    private let watchers = Mutex<[Task<Void, Never>]>([])

    init(_ configs: [TicketPrinterConfiguration], log: Logger) {
        entries = configs.map { config in
            Entry(
                config: config,
                printer: TicketPrinter(
                    name: config.id, address: config.address, settings: config.settings, logger: log),
                renderer: TicketRenderer(layout: TicketLayout(paperWidth: config.paperWidth, path: config.renderPath)))
        }
    }

    /// The printer for an issue request: the one named in the request, else the kiosk token's own,
    /// else (on the admin socket) the only one configured. nil: the ticket is not printed.
    func printer(named name: String?, kiosk: String?) throws(APIError) -> Entry? {
        if let name {
            guard let entry = entries.first(where: { $0.config.id == name }) else {
                let known = entries.isEmpty ? "none configured" : entries.map(\.config.id).joined(separator: ", ")
                throw APIError.badRequest(
                    code: "invalid_field", message: "unknown ticket printer \"\(name)\" (known: \(known))",
                    field: "printer")
            }
            return entry
        }
        if let kiosk { return entries.first { $0.config.kiosk == kiosk } }
        return entries.count == 1 ? entries[0] : nil
    }

    /// A process ID for the next ticket, so the printer's "printed" answer names this ticket.
    func nextProcessID() -> ESCPOSProcessID {
        ESCPOSProcessID(sequence: processIDs.wrappingAdd(1, ordering: .relaxed).newValue)
    }

    /// Why the printer cannot print now (asked live: DLE EOT), or nil when it can.
    func problem(of entry: Entry) async -> String? {
        let health = await entry.printer.checkHealth()
        return health.canPrint ? nil : health.advice
    }

    enum PrintResult: Sendable, Equatable {
        /// On paper; `confirmed` when the printer reported the ticket printed (GS ( H).
        case printed(confirmed: Bool)
        case notPrinted(reason: String)
    }

    /// Prints a ticket from the kiosk's issue answer (`QueueJSON.ticket` with its status URL).
    func print(_ answer: JSONValue, on entry: Entry, timeZone: TimeZone) async -> PrintResult {
        guard
            let content = IssuedTicketContent.make(
                from: answer, printer: entry.config, timeZone: timeZone, processID: nextProcessID())
        else { return .notPrinted(reason: "the ticket could not be laid out") }
        let bytes: [UInt8]
        switch await render(content, with: entry.renderer) {
        case .success(let rendered): bytes = rendered
        case .failure(let error):
            return .notPrinted(reason: "the ticket could not be drawn for this printer: \(error.message)")
        }
        let outcome = await entry.printer.print(bytes, processID: content.processID)
        guard outcome.isPrinted else { return .notPrinted(reason: outcome.description) }
        return .printed(confirmed: outcome == .completed)
    }

    /// Draws tickets off Swift's cooperative pool: pango holds a process-wide lock while it draws a
    /// line, and two kiosks printing at once must not take both of madod's pool threads.
    private let renderQueue = DispatchQueue(label: "mado.ticket-render")

    private func render(_ content: TicketContent, with renderer: TicketRenderer) async -> Result<[UInt8], ESCPOSError> {
        await withCheckedContinuation { continuation in
            renderQueue.async { @Sendable in
                continuation.resume(returning: Result { () throws(ESCPOSError) in try renderer.bytes(for: content) })
            }
        }
    }

    /// Follows each printer's health into the device registry (and so onto SSE and `/v1/status`),
    /// and asks idle printers for their status every `pollInterval`.
    func startWatching(devices: DeviceRegistry) {
        var tasks: [Task<Void, Never>] = []
        for entry in entries {
            let printer = entry.printer
            let id = entry.config.id
            tasks.append(
                Task {
                    // The printer itself logs each change of health; this only shows it to staff.
                    for await health in printer.healthUpdates() {
                        await devices.update(Self.deviceStatus(id: id, health))
                    }
                })
            tasks.append(
                Task {
                    while !Task.isCancelled {
                        _ = await printer.checkHealth()
                        try? await Task.sleep(for: Self.pollInterval)
                    }
                })
        }
        watchers.withLock { $0 += tasks }
    }

    /// Stops the watch and closes every printer.
    func shutdown() async {
        for task in watchers.withLock({ $0 }) { task.cancel() }
        for entry in entries { await entry.printer.shutdown() }
    }

    static func deviceStatus(id: String, _ health: TicketPrinterHealth) -> DeviceStatus {
        let state: DeviceStatus.State
        switch health {
        case .ready(let status): state = status.warnings.isEmpty ? .ready : .warning
        case .fault: state = .error
        case .unreachable: state = .offline
        }
        let detail = state == .ready ? nil : health.advice
        return DeviceStatus(id: "ticket-printer:\(id)", kind: "ticketPrinter", state: state, detail: detail)
    }
}
