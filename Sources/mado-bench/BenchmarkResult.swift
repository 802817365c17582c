// SPDX-License-Identifier: Apache-2.0
// What a benchmark measured: numbers with their units and goals, printed as lines or as JSON.

/// A target a figure must meet, as the issue that set it wrote it ("p99 < 10 ms").
struct Goal: Sendable, Encodable {
    enum Comparison: String, Sendable, Encodable {
        case below = "<"
        case above = ">"
        case equal = "="
    }

    let comparison: Comparison
    let value: Double

    static func below(_ value: Double) -> Goal { Goal(comparison: .below, value: value) }
    static func above(_ value: Double) -> Goal { Goal(comparison: .above, value: value) }
    static func equal(_ value: Double) -> Goal { Goal(comparison: .equal, value: value) }

    func isMet(by measured: Double) -> Bool {
        switch comparison {
        case .below: return measured < value
        case .above: return measured > value
        case .equal: return measured == value
        }
    }
}

enum MetricUnit: String, Sendable, Encodable {
    case milliseconds = "ms"
    case seconds = "s"
    case megabytes = "MB"
    case requestsPerSecond = "req/s"
    /// Accuracy figures, where the fourth decimal matters (99.99 %).
    case percent = "%"
    case count = ""

    /// Enough digits to compare runs, no more: 0.42 ms, 84.2 ms, 2,345 req/s.
    func format(_ value: Double) -> String {
        switch self {
        case .milliseconds: return value < 10 ? fixed(value, 2) : fixed(value, 1)
        case .seconds: return fixed(value, value < 10 ? 3 : 1)
        case .megabytes: return fixed(value, 1)
        case .percent: return fixed(value, 4)
        case .requestsPerSecond, .count: return grouped(Int(value.rounded()))
        }
    }

    /// Goals are round numbers: "300 ms", "1 s", "2,000 req/s".
    func goalText(_ value: Double) -> String {
        let number = value == value.rounded() ? grouped(Int(value)) : format(value)
        return rawValue.isEmpty ? number : number + " " + rawValue
    }

    func withUnit(_ value: Double) -> String {
        rawValue.isEmpty ? format(value) : format(value) + " " + rawValue
    }

    private func fixed(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(abs(scaled % Int(scale)))
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        return sign + grouped(whole) + (places > 0 ? "." + fraction : "")
    }

    private func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}

/// One measured figure. `key` is stable for machines (`--json`); `label` is for people.
struct Metric: Sendable, Encodable {
    let key: String
    let label: String
    let value: Double
    let unit: MetricUnit
    /// How the figure was obtained ("median of 10"), printed in the parentheses before the goal.
    var note: String?
    var goal: Goal?

    var goalMet: Bool? { goal.map { $0.isMet(by: value) } }

    var text: String {
        var parentheses: [String] = []
        if let note { parentheses.append(note) }
        if let goal { parentheses.append("goal \(goal.comparison.rawValue) \(unit.goalText(goal.value))") }
        var text = "\(label) \(unit.withUnit(value))"
        if !parentheses.isEmpty { text += " (" + parentheses.joined(separator: ", ") + ")" }
        if goalMet == false { text += " MISSED" }
        return text
    }

    private enum CodingKeys: String, CodingKey {
        case key, label, value, unit, note, goal, goalMet
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(label, forKey: .label)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(goal, forKey: .goal)
        try container.encodeIfPresent(goalMet, forKey: .goalMet)
    }
}

/// One printed line: a title and the figures that belong together.
struct ResultLine: Sendable, Encodable {
    let title: String
    let metrics: [Metric]

    var text: String { title + ": " + metrics.map(\.text).joined(separator: ", ") }
}

/// Everything one benchmark reports. `error` is set when it could not finish; the lines measured
/// before the failure are kept.
struct BenchmarkResult: Sendable, Encodable {
    let name: String
    var lines: [ResultLine] = []
    /// Conditions that matter when reading the numbers ("the queue has 2,000 waiting tickets").
    var notes: [String] = []
    var error: String?
    var seconds: Double = 0

    init(name: String) { self.name = name }

    var missedGoals: [Metric] { lines.flatMap(\.metrics).filter { $0.goalMet == false } }

    mutating func add(_ title: String, _ metrics: Metric...) {
        lines.append(ResultLine(title: title, metrics: metrics))
    }
}
