// SPDX-License-Identifier: Apache-2.0
// One ticket printer: status before every ticket, the ticket's bytes, confirmation by process ID.
import Dispatch
public import MadoCore
public import MadoSystem

/// A thermal ticket printer reached over TCP, usblp or libusb.
///
/// A final class with a serial `DispatchQueue`, not an actor: everything it does blocks (connect, poll,
/// libusb transfers, waiting seconds for a process-ID reply), and an actor's methods run on Swift's
/// cooperative pool, which has one thread per core. On a 2-core kiosk server two printers waiting for an
/// answer would stall every HTTP handler in madod. The queue gives each printer its own thread, and makes
/// it the only user of the connection, so tickets and status checks never interleave on the wire.
///
/// After any failure the connection is closed and the next call opens it again: that is how TCP and usblp
/// printers recover from a power cycle or a re-plug. libusb printers also follow hot-plug events: an
/// unplug shows as `.unreachable` at once, a re-plug triggers a fresh status check.
public final class TicketPrinter: @unchecked Sendable {
    // @unchecked: `transport` and `scanner` are only touched on `queue`; the published health is a
    // HealthPublisher (thread-safe); everything else is immutable.
    public let name: String
    public let address: TicketPrinterAddress
    public let settings: TicketPrinterSettings
    private let logger: Logger?
    private let queue: DispatchQueue
    private let transport: any TicketPrinterTransport
    private var scanner = PrinterReplyScanner()
    private let health = HealthPublisher<TicketPrinterHealth>()

    /// `name` identifies the printer to staff ("kiosk-1"). Nothing is opened until the first call.
    public init(
        name: String, address: TicketPrinterAddress, settings: TicketPrinterSettings = TicketPrinterSettings(),
        logger: Logger? = nil
    ) {
        self.name = name
        self.address = address
        self.settings = settings
        self.logger = logger
        self.queue = DispatchQueue(label: "mado.ticket-printer.\(name)")
        self.transport = makeTransport(for: address)
        queue.async { @Sendable [weak self] in self?.followPresence() }
    }

    /// The latest health any call found (nil before the first check).
    public var lastHealth: TicketPrinterHealth? { health.latest }

    /// Every change of health, starting with the current one if there is one. For `/v1/status` and SSE.
    public func healthUpdates() -> AsyncStream<TicketPrinterHealth> {
        health.updates()
    }

    /// Asks the printer for its status (DLE EOT 1–4), opening the connection if needed.
    public func checkHealth() async -> TicketPrinterHealth {
        await onQueue { $0.checkHealthNow() }
    }

    /// Prints one ticket. Checks the status first and sends nothing if the printer cannot print. With a
    /// process ID (which the bytes must carry as GS ( H), waits up to `settings.completionTimeout` for the
    /// printer to report the ticket printed.
    public func print(_ bytes: [UInt8], processID: ESCPOSProcessID?) async -> TicketPrintOutcome {
        await onQueue { $0.printNow(bytes, processID: processID) }
    }

    /// Closes the connection and ends the health streams. The printer is not usable afterwards.
    public func shutdown() async {
        await onQueue { printer in
            printer.transport.close()
            printer.health.shutDown()
        }
    }

    /// A line for logs and the status page: `ticket printer kiosk-1 (tcp://10.0.0.5:9100): paper end — load
    /// a new roll`.
    public func describe(_ health: TicketPrinterHealth) -> String {
        "ticket printer \(name) (\(address)): \(health.advice)"
    }

    // MARK: - On the queue

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable (TicketPrinter) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { @Sendable in continuation.resume(returning: body(self)) }
        }
    }

    private func followPresence() {
        transport.observePresence { [weak self] present in
            self?.queue.async { @Sendable [weak self] in
                guard let self, !self.isShutDown else { return }
                if present {
                    self.checkAfterArrival(retries: 3, delay: .milliseconds(500))
                } else {
                    self.disconnect()
                    self.publish(.unreachable(reason: "unplugged"))
                }
            }
        }
    }

    /// A device that just arrived may not be usable yet (udev still setting permissions, firmware still
    /// starting), so a failed first check is retried a few times with growing pauses.
    private func checkAfterArrival(retries: Int, delay: Duration) {
        guard !isShutDown, !checkHealthNow().canPrint, retries > 0 else { return }
        queue.asyncAfter(deadline: .now() + delay.secondsValue) { @Sendable [weak self] in
            self?.checkAfterArrival(retries: retries - 1, delay: delay * 2)
        }
    }

    private var isShutDown: Bool { health.isShutDown }

    private func checkHealthNow() -> TicketPrinterHealth {
        guard !isShutDown else { return .unreachable(reason: "shut down") }
        let health = readHealth()
        publish(health)
        return health
    }

    private func readHealth() -> TicketPrinterHealth {
        // A connection kept from an earlier ticket may have died with a power cycle or a re-plug
        // without a sign until now: one fresh attempt before telling a resident the printer is gone.
        let reused = transport.isOpen
        let health = readHealthOnce()
        if reused, case .unreachable = health { return readHealthOnce() }
        return health
    }

    private func readHealthOnce() -> TicketPrinterHealth {
        do throws(DeviceError) {
            try transport.open(timeout: settings.connectTimeout)
            try discardStaleReplies()
            var status = TicketPrinterStatus()
            let requests: [ESCPOSCommand.StatusRequest] = [.printer, .offlineCause, .errorCause, .rollPaper]
            for request in requests {
                try transport.write([0x10, 0x04, UInt8(request.rawValue)], timeout: settings.writeTimeout)
                guard let byte = try nextStatusByte() else {
                    let seconds = settings.statusTimeout.spoken
                    throw DeviceError(
                        "no answer to status request DLE EOT \(request.rawValue) within \(seconds) "
                            + "(switched off, or not an ESC/POS printer?)")
                }
                status.apply(byte, answering: request)
            }
            if let port = transport.portStatus(), port.isPaperEmpty { status.isPaperEndDetected = true }
            return status.canPrint ? .ready(status) : .fault(status)
        } catch {
            disconnect()
            return .unreachable(reason: error.message)
        }
    }

    private func printNow(_ bytes: [UInt8], processID: ESCPOSProcessID?) -> TicketPrintOutcome {
        let before = checkHealthNow()
        guard before.canPrint else {
            logger?.warning("\(describe(before)); ticket not sent")
            return .refused(before)
        }
        do throws(DeviceError) {
            try transport.write(bytes, timeout: settings.writeTimeout)
        } catch {
            return failed(error)
        }
        guard let processID else { return .sentUnconfirmed(reason: "no process ID was requested") }
        let deadline = ContinuousClock.now + settings.completionTimeout
        do throws(DeviceError) {
            while !scanner.takeProcessID(processID) {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return unconfirmed() }
                scanner.append(try transport.read(timeout: left))
            }
            return .completed
        } catch {
            return failed(error)
        }
    }

    /// No process-ID reply in time: a printer that stopped (paper ran out mid-ticket) is a failure, a healthy
    /// one most likely printed and cannot confirm.
    private func unconfirmed() -> TicketPrintOutcome {
        let after = checkHealthNow()
        guard after.canPrint else {
            logger?.warning("\(describe(after)); the ticket was not confirmed")
            return .failed(after)
        }
        let seconds = settings.completionTimeout.spoken
        return .sentUnconfirmed(reason: "no confirmation within \(seconds) (the model may not support GS ( H)")
    }

    private func failed(_ error: DeviceError) -> TicketPrintOutcome {
        disconnect()
        let health = TicketPrinterHealth.unreachable(reason: error.message)
        publish(health)
        return .failed(health)
    }

    /// Reads whatever is waiting (late answers, old process-ID replies) so it cannot pass for a new answer.
    private func discardStaleReplies() throws(DeviceError) {
        scanner.reset()
        while !(try transport.read(timeout: .milliseconds(1))).isEmpty {}
    }

    private func nextStatusByte() throws(DeviceError) -> UInt8? {
        let deadline = ContinuousClock.now + settings.statusTimeout
        while true {
            if let byte = scanner.nextStatusByte() { return byte }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            scanner.append(try transport.read(timeout: left))
        }
    }

    private func disconnect() {
        transport.close()
        scanner.reset()
    }

    private func publish(_ health: TicketPrinterHealth) {
        guard self.health.publish(health) else { return }
        if health.canPrint {
            logger?.notice(describe(health))
        } else {
            logger?.warning(describe(health))
        }
    }
}
