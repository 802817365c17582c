// SPDX-License-Identifier: Apache-2.0
// What routes and services share while madod runs.
import Foundation
import MadoServer
import MadoStore
import MadoSystem
import Synchronization

/// A listener as reported in /v1/status.
struct ListenerStatus: Sendable, Codable, Equatable {
    let kind: ListenerKind
    let address: String
    let socketActivated: Bool
}

/// Shared state of a running daemon. Everything here is either immutable or synchronised.
final class DaemonContext: Sendable {
    let startedAt: Date
    let startedAtInstant: ContinuousClock.Instant
    let database: Database
    let broadcaster: EventBroadcaster
    let devices: DeviceRegistry
    let settings: RuntimeSettings
    /// The kiosks' ticket printers (none when the config lists none).
    let printers: KioskPrinters
    let log: Logger
    private let configuration: Mutex<DaemonConfiguration>
    private let listenerList: Mutex<[ListenerStatus]> = Mutex([])
    private let queueService: Mutex<QueueService?> = Mutex(nil)
    private let announcementService: Mutex<AnnouncementService?> = Mutex(nil)
    private let serialBoards: Mutex<SerialDisplays?> = Mutex(nil)
    private let formsService: Mutex<FormsService?> = Mutex(nil)

    init(
        configuration: DaemonConfiguration, database: Database, broadcaster: EventBroadcaster,
        devices: DeviceRegistry, settings: RuntimeSettings, printers: KioskPrinters, log: Logger
    ) {
        self.startedAt = Date()
        self.startedAtInstant = ContinuousClock.now
        self.configuration = Mutex(configuration)
        self.database = database
        self.broadcaster = broadcaster
        self.devices = devices
        self.settings = settings
        self.printers = printers
        self.log = log
    }

    var config: DaemonConfiguration { configuration.withLock { $0 } }

    func replaceConfiguration(_ new: DaemonConfiguration) { configuration.withLock { $0 = new } }

    var listeners: [ListenerStatus] { listenerList.withLock { $0 } }

    func addListener(_ listener: ListenerStatus) { listenerList.withLock { $0.append(listener) } }

    /// The ticket queue, once started; nil when the config has no "queue" section.
    var queue: QueueService? { queueService.withLock { $0 } }

    func attachQueue(_ service: QueueService) { queueService.withLock { $0 = service } }

    /// The call announcements (chime and speech for web boards), once started.
    var announcements: AnnouncementService? { announcementService.withLock { $0 } }

    func attachAnnouncements(_ service: AnnouncementService) { announcementService.withLock { $0 = service } }

    /// The serial LED boards among the displays, once started.
    var serialDisplays: SerialDisplays? { serialBoards.withLock { $0 } }

    func attachSerialDisplays(_ displays: SerialDisplays) { serialBoards.withLock { $0 = displays } }

    /// The counter's forms and printers, once started; nil when the config has no "forms" section.
    var forms: FormsService? { formsService.withLock { $0 } }

    func attachForms(_ service: FormsService) { formsService.withLock { $0 = service } }

    var uptimeSeconds: Double {
        let elapsed = ContinuousClock.now - startedAtInstant
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
