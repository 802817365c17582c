// SPDX-License-Identifier: Apache-2.0
// madod's life: signal stream, config, store, services, listeners, READY=1, then signals until
// SIGTERM (drain and stop) — the order systemd's small daemons and cupsd use.
import Foundation
import MadoCore
import MadoRender
import MadoServer
import MadoStore
public import MadoSystem

/// Runs the daemon in the foreground until SIGTERM or SIGINT.
public struct DaemonRunner: Sendable {
    public let configPath: String
    public let environment: [String: String]
    public let output: any LogHandler
    /// Hard limit for a stop: systemd's default is 90 s, ours promises 5.
    public static let stopDeadline: Duration = .milliseconds(4500)

    public init(configPath: String, environment: [String: String], output: any LogHandler = StandardErrorLogHandler()) {
        self.configPath = configPath
        self.environment = environment
        self.output = output
    }

    /// Returns the process exit status: 0 after a clean stop, 1 when startup failed, 2 for an invalid config.
    public func run() async -> Int32 {
        ignoreBrokenPipe()
        // The store, spool and scans hold residents' and students' data: nothing we create is world-readable.
        umask(0o027)
        // A reload asked for before we can reload is moot; ignoring SIGHUP until the stream exists keeps it
        // from killing us (the stream still receives it later).
        ignoreSignals([SIGHUP])
        // Signals first: a SIGTERM during startup must not be lost (it takes the default action until here).
        let signals = await SignalStream.make([SIGTERM, SIGINT, SIGHUP])
        let bootLog = Logger(label: "madod", handler: output, minimumPriority: .info)
        let notifier = SystemdNotifier(environment: environment)

        let config: DaemonConfiguration
        switch ConfigurationLoader.load(path: configPath) {
        case .success(let loaded): config = loaded
        case .failure(let problems):
            bootLog.error("cannot start: \(configPath) has \(problems.problems.count) problem(s)")
            for line in problems.lines { bootLog.error("config: \(line)") }
            return 2
        }

        let settings = RuntimeSettings(RuntimeSettings.values(from: config, log: bootLog))
        let log = Logger(
            label: "madod", handler: LiveLevelLogHandler(settings: settings, output: output), minimumPriority: .debug)

        let database: Database
        do {
            database = try Database.open(path: config.store.path, migrations: MadoSchema.migrations)
            // EventTimestamp rather than ISO8601DateFormatter: the formatter loads ICU's calendar
            // data, about 4 MB of resident memory for one line in a table.
            try await database.write { connection in
                try connection.execute(
                    "INSERT INTO daemon_starts (started_at, version) VALUES (?, ?)",
                    [.text(EventTimestamp.format(Date())), .text(MadoVersion.current)])
            }
        } catch {
            log.error("cannot start: \(error)")
            return 1
        }

        let broadcaster = EventBroadcaster()
        let devices = DeviceRegistry(broadcaster: broadcaster)
        let printers = KioskPrinters(config.ticketPrinters, log: log)
        let context = DaemonContext(
            configuration: config, database: database, broadcaster: broadcaster, devices: devices,
            settings: settings, printers: printers, log: log)
        printers.startWatching(devices: devices)
        context.attachAnnouncements(AnnouncementService.start(context: context))
        context.attachSerialDisplays(
            SerialDisplays.start(configs: config.displays, devices: devices, broadcaster: broadcaster, log: log))
        if !config.ticketPrinters.isEmpty {
            if config.lan.publicBaseURL == nil {
                log.warning(
                    "ticketPrinters are configured but lan.publicBaseURL is not: the QR code on each ticket "
                        + "holds only /t/<token>, which a phone cannot open")
            }
            let missing = TicketFont.missingPackages()
            if !missing.isEmpty {
                log.warning(
                    "ticket fonts missing (install \(missing.joined(separator: ", "))): tickets will look different "
                        + "and a ticket with a character no installed font has will be refused")
            }
        }
        // The queue replays its log before any listener opens, so no request sees an empty queue.
        var queueTimer: Task<Void, Never>?
        if let queueSettings = config.queue {
            let queueConfig = queueSettings.configuration
            do {
                let queue = try await QueueService.start(
                    database: database, config: queueConfig, broadcaster: broadcaster, log: log,
                    dayFinished: { _ in
                        QueueResetTimer.cacheFinishedDays(database: database, config: queueConfig, log: log)
                    })
                context.attachQueue(queue)
                queueTimer = QueueResetTimer.start(queue: queue, log: log)
                QueueResetTimer.cacheFinishedDays(database: database, config: queueConfig, log: log)
            } catch {
                log.error("cannot start: the queue's event log cannot be replayed: \(error)")
                try? database.close()
                return 1
            }
        }

        if let formsConfig = config.forms {
            switch FormsCatalogs.load(formsConfig) {
            case .success(let catalogs):
                let forms = FormsService(
                    configuration: formsConfig, catalogs: catalogs, database: database,
                    stateDirectory: URL(fileURLWithPath: config.store.path).deletingLastPathComponent().path,
                    timeZone: TimeZone(identifier: config.site.timeZone) ?? .current, broadcaster: broadcaster,
                    log: log)
                forms.start()
                context.attachForms(forms)
            case .failure(let failure):
                for problem in failure.problems { log.error("config: \(problem)") }
                log.error("cannot start: the forms section's files have \(failure.problems.count) problem(s)")
                try? database.close()
                return 2
            }
        }

        let router = Router(
            routes: DaemonRoutes.all(context), tokens: RuntimeTokenAuthority(settings: settings),
            onUnexpectedError: { request, error in
                log.error("bug: \(request.method) \(request.path) failed with \(String(reflecting: type(of: error)))")
            })

        let servers: [HTTPServer]
        var createdSocket: String?
        do {
            (servers, createdSocket) = try startListeners(config: config, context: context, router: router, log: log)
        } catch {
            log.error("cannot start: \(error)")
            try? database.close()
            return 1
        }

        let summary = context.listeners.map { "\($0.kind.rawValue) \($0.address)" }.joined(separator: ", ")
        do {
            try notifier.ready(status: "serving \(summary)")
        } catch {
            log.warning("cannot tell systemd we are ready: \(error)")
        }
        log.notice("madod \(MadoVersion.current) ready: \(summary)")

        let watchdog = startWatchdog(notifier: notifier, database: database, log: log)

        for await signal in signals {
            if signal == SIGHUP {
                reload(context: context, notifier: notifier, log: log)
                continue
            }
            log.notice("stopping on \(signal == SIGTERM ? "SIGTERM" : "SIGINT")")
            break
        }

        watchdog?.cancel()
        queueTimer?.cancel()
        let status = stop(servers: servers, context: context, notifier: notifier, log: log)
        // A socket systemd passed us is systemd's to remove; one we made is ours.
        if let createdSocket { unlink(createdSocket) }
        return status
    }

    private func startListeners(
        config: DaemonConfiguration, context: DaemonContext, router: Router, log: Logger
    ) throws -> (servers: [HTTPServer], createdSocket: String?) {
        var servers: [HTTPServer] = []
        var createdSocket: String?
        let settings = context.settings
        let activated = SocketActivation.descriptors(environment: environment, pid: ProcessInfoLite.pid)
        let adminFD: Int32
        if let passed = activated.first(where: { $0.name == "admin" }) ?? activated.first {
            adminFD = passed.fd
            context.addListener(ListenerStatus(kind: .admin, address: config.admin.socket, socketActivated: true))
        } else {
            let directory = URL(fileURLWithPath: config.admin.socket).deletingLastPathComponent().path
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            adminFD = try UnixSocket.listen(path: config.admin.socket, mode: 0o660, group: settings.values.adminGroupID)
            createdSocket = config.admin.socket
            context.addListener(ListenerStatus(kind: .admin, address: config.admin.socket, socketActivated: false))
        }
        // Scanned answer sheets (POST …/read) may be multi-page TIFF or PDF files of many megabytes.
        var options = HTTPServerOptions()
        options.largeBodyPathSuffixes = ["/read"]
        let admin = HTTPServer(
            listenSocket: adminFD, listener: .admin, router: router, broadcaster: context.broadcaster,
            options: options, adminGroup: { settings.values.adminGroupID })
        try admin.start()
        servers.append(admin)

        if config.lan.enabled {
            let fd = try TCPListenSocket.listen(address: config.lan.address, port: UInt16(config.lan.port))
            let port = TCPListenSocket.boundPort(fd) ?? UInt16(config.lan.port)
            let host = config.lan.address.contains(":") ? "[\(config.lan.address)]" : config.lan.address
            let lan = HTTPServer(
                listenSocket: fd, listener: .lan, router: router, broadcaster: context.broadcaster, options: options)
            try lan.start()
            servers.append(lan)
            context.addListener(ListenerStatus(kind: .lan, address: "http://\(host):\(port)", socketActivated: false))
        }
        return (servers, createdSocket)
    }

    private func startWatchdog(notifier: SystemdNotifier, database: Database, log: Logger) -> Task<Void, Never>? {
        guard let interval = notifier.watchdogInterval else { return nil }
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // Only ping when the store still answers: a wedged store should get us restarted.
                let alive =
                    (try? await database.read { connection in
                        try connection.query("SELECT 1").count == 1
                    }) ?? false
                if alive {
                    try? notifier.watchdog()
                } else {
                    log.error("watchdog: the store did not answer; not pinging systemd")
                }
            }
        }
    }

    private func reload(context: DaemonContext, notifier: SystemdNotifier, log: Logger) {
        try? notifier.reloading()
        defer { try? notifier.ready(status: "configuration reloaded") }
        switch ConfigurationLoader.load(path: configPath) {
        case .failure(let problems):
            log.error(
                "reload refused: \(configPath) has \(problems.problems.count) problem(s); keeping the running configuration"
            )
            for line in problems.lines { log.error("reload: \(line)") }
            context.broadcaster.publish("daemon.reloaded", json: #"{"applied":false}"#)
        case .success(let new):
            let old = context.config
            context.settings.replace(with: RuntimeSettings.values(from: new, log: log))
            context.replaceConfiguration(new)
            var needsRestart: [String] = []
            if new.store != old.store { needsRestart.append("store") }
            if new.admin.socket != old.admin.socket { needsRestart.append("admin.socket") }
            if new.lan != old.lan { needsRestart.append("lan") }
            if new.site.timeZone != old.site.timeZone { needsRestart.append("site.timeZone") }
            if new.ticketPrinters != old.ticketPrinters { needsRestart.append("ticketPrinters") }
            // Serial boards and their ports are set up at start; web boards and announcements read
            // the configuration on every request and call.
            if new.displays.filter({ $0.kind == .serial }) != old.displays.filter({ $0.kind == .serial }) {
                needsRestart.append("displays (serial boards)")
            }
            if new.queue != old.queue {
                // Services, counters and rules apply to the next command; adding or removing the
                // whole section needs the queue to be started or stopped, which a restart does.
                if let queue = context.queue, let settings = new.queue {
                    let configuration = settings.configuration
                    Task { await queue.replaceConfiguration(configuration) }
                } else {
                    needsRestart.append("queue")
                }
            }
            if !needsRestart.isEmpty {
                log.warning("reload: \(needsRestart.joined(separator: ", ")) changed; restart madod to apply")
            }
            log.notice("configuration reloaded from \(configPath)")
            context.broadcaster.publish("daemon.reloaded", json: #"{"applied":true}"#)
        }
    }

    private func stop(servers: [HTTPServer], context: DaemonContext, notifier: SystemdNotifier, log: Logger) -> Int32 {
        try? notifier.stopping()
        let deadline = DispatchTime.now() + .milliseconds(4500)
        DispatchQueue.global().asyncAfter(deadline: deadline) { @Sendable in
            log.error("stop took longer than 4.5 s; exiting without a clean shutdown")
            _exit(1)
        }
        // Event streams never finish on their own: end them first so their threads let go.
        context.broadcaster.shutdown()
        for server in servers { server.stop(drainTimeout: .seconds(3)) }
        context.forms?.shutdown()
        let printersClosed = DispatchSemaphore(value: 0)
        Task {
            await context.printers.shutdown()
            await context.serialDisplays?.shutdown()
            printersClosed.signal()
        }
        _ = printersClosed.wait(timeout: .now() + .seconds(1))
        do {
            try context.database.checkpoint()
            try context.database.close()
        } catch {
            log.error("closing the store: \(error)")
        }
        log.notice("stopped")
        return 0
    }
}
