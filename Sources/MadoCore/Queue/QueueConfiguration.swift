// SPDX-License-Identifier: Apache-2.0
// Everything the queue engine needs to know about one site: services, counters, reset, policies.
public import Foundation

/// The "queue" section of madod's config, decoded. Lookups by id and prefix are O(1).
public struct QueueConfiguration: Sendable {
    public var services: [ServiceDefinition] { didSet { index() } }
    public var counters: [CounterDefinition] { didSet { index() } }
    /// When the business day ends: open tickets are closed and numbering restarts.
    public var resetTime: TimeOfDay
    public var timeZone: TimeZone
    /// A ticket cannot be recalled sooner than this after its last call (ZMS uses 5 minutes).
    public var recallCooldownSeconds: Int
    /// A recall after this many recalls marks the ticket a no-show instead of calling it again.
    public var noShowAfterRecalls: Int
    /// How long after a no-show the ticket may still be returned to the queue or called (ticket
    /// tolerance); 0 switches returning off.
    public var noShowReturnMinutes: Int
    /// Service times from this many recent minutes feed the wait estimate …
    public var estimateWindowMinutes: Int
    /// … but at least this many of the most recent ones, however old.
    public var estimateMinimumSamples: Int
    /// The service time assumed for a service with no history.
    public var defaultServiceMinutes: Double
    /// The priority categories the kiosk may issue (優先: "elderly", "disabled", "pregnant").
    public var priorityCategories: [String]

    private var serviceIndex: [String: Int] = [:]
    private var prefixIndex: [String: Int] = [:]
    private var counterIndex: [String: Int] = [:]

    public init(
        services: [ServiceDefinition], counters: [CounterDefinition],
        resetTime: TimeOfDay = TimeOfDay(hour: 3, minute: 0)!,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Tokyo")!,
        recallCooldownSeconds: Int = 60, noShowAfterRecalls: Int = 3, noShowReturnMinutes: Int = 60,
        estimateWindowMinutes: Int = 120, estimateMinimumSamples: Int = 5, defaultServiceMinutes: Double = 10,
        priorityCategories: [String] = ["elderly", "disabled", "pregnant"]
    ) {
        self.services = services
        self.counters = counters
        self.resetTime = resetTime
        self.timeZone = timeZone
        self.recallCooldownSeconds = recallCooldownSeconds
        self.noShowAfterRecalls = noShowAfterRecalls
        self.noShowReturnMinutes = noShowReturnMinutes
        self.estimateWindowMinutes = estimateWindowMinutes
        self.estimateMinimumSamples = estimateMinimumSamples
        self.defaultServiceMinutes = defaultServiceMinutes
        self.priorityCategories = priorityCategories
        index()
    }

    private mutating func index() {
        serviceIndex = [:]
        prefixIndex = [:]
        counterIndex = [:]
        for (i, s) in services.enumerated() {
            if serviceIndex[s.id] == nil { serviceIndex[s.id] = i }
            if prefixIndex[s.prefix.uppercased()] == nil { prefixIndex[s.prefix.uppercased()] = i }
        }
        for (i, c) in counters.enumerated() where counterIndex[c.id] == nil { counterIndex[c.id] = i }
    }

    public func service(_ id: String) -> ServiceDefinition? { serviceIndex[id].map { services[$0] } }

    /// The service whose numbers start with `prefix` (case-insensitive).
    public func service(prefix: String) -> ServiceDefinition? {
        prefixIndex[prefix.uppercased()].map { services[$0] }
    }

    public func counter(_ id: String) -> CounterDefinition? { counterIndex[id].map { counters[$0] } }

    /// The counters that call from `service`.
    public func counters(handling service: String) -> [CounterDefinition] {
        counters.filter { $0.services.contains(service) }
    }

    public var calendar: BusinessCalendar { BusinessCalendar(timeZone: timeZone, resetTime: resetTime) }

    /// The default service time for one service, in seconds.
    public func defaultServiceSeconds(for service: String) -> Double {
        (self.service(service)?.defaultServiceMinutes ?? defaultServiceMinutes) * 60
    }
}
