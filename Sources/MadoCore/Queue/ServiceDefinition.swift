// SPDX-License-Identifier: Apache-2.0
// One kind of business at the counter (用件: 引越し, 証明書 …) with its number range and opening hours.

/// A service residents pick at the kiosk. Its tickets are numbered `prefix-NNN` within `numbers`.
public struct ServiceDefinition: Sendable, Equatable {
    public var id: String
    /// The name shown on the kiosk and display, e.g. "引越し".
    public var name: String
    /// The letters before the number, e.g. "A" in "A-023". Unique across services.
    public var prefix: String
    /// How many digits the number is padded to ("A-023" has 3).
    public var digits: Int
    /// The numbers a business day may use, e.g. 1...999. Numbers are never reused within a day.
    public var numbers: ClosedRange<Int>
    /// When tickets may be issued, local time. Empty means all day.
    public var hours: [OpeningInterval]
    /// The weekdays tickets may be issued (1 = Sunday … 7 = Saturday). Empty means every day.
    public var weekdays: Set<Int>
    /// The switch in the config; a day-long runtime switch is `QueueCommand.setServiceEnabled`.
    public var enabled: Bool
    /// The service time assumed before there is any history, overriding the site default.
    public var defaultServiceMinutes: Double?

    public init(
        id: String, name: String, prefix: String, digits: Int = 3, numbers: ClosedRange<Int> = 1...999,
        hours: [OpeningInterval] = [], weekdays: Set<Int> = [], enabled: Bool = true,
        defaultServiceMinutes: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.digits = digits
        self.numbers = numbers
        self.hours = hours
        self.weekdays = weekdays
        self.enabled = enabled
        self.defaultServiceMinutes = defaultServiceMinutes
    }

    /// "A-023" for sequence 23.
    public func numberText(_ sequence: Int) -> String {
        let digitsText = String(sequence)
        let padding = max(0, digits - digitsText.count)
        return prefix + "-" + String(repeating: "0", count: padding) + digitsText
    }

    /// Whether the opening hours and weekdays allow issuing at this local time.
    public func isOpen(weekday: Int, minuteOfDay: Int) -> Bool {
        guard weekdays.isEmpty || weekdays.contains(weekday) else { return false }
        return hours.isEmpty || hours.contains { $0.contains(minuteOfDay: minuteOfDay) }
    }

    /// "08:30–12:00, 13:00–17:00", for refusal messages.
    public var hoursText: String {
        hours.isEmpty ? "all day" : hours.map(\.description).joined(separator: ", ")
    }
}
