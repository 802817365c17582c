// SPDX-License-Identifier: Apache-2.0
// Reads the "queue" section of madod's config strictly, reporting every problem with its JSON path.
internal import Foundation

extension QueueConfiguration {
    /// Reads the "queue" object. Problems (wrong types, unknown keys, bad "HH:MM", duplicate ids or
    /// prefixes, counters naming unknown services) go to `reader.problems`; the result then holds
    /// defaults in their place and must not be used to run the queue.
    ///
    /// ```json
    /// "queue": {
    ///   "timeZone": "Asia/Tokyo", "resetTime": "03:00",
    ///   "recallCooldownSeconds": 60, "noShowAfterRecalls": 3, "noShowReturnMinutes": 60,
    ///   "estimateWindowMinutes": 120, "estimateMinimumSamples": 5, "defaultServiceMinutes": 10,
    ///   "priorityCategories": ["elderly", "disabled", "pregnant"],
    ///   "services": [{"id": "moving", "name": "引越し", "prefix": "A", "digits": 3, "first": 1, "last": 999,
    ///                 "hours": [{"from": "08:30", "to": "17:00"}], "weekdays": ["mon", "tue", "wed", "thu", "fri"],
    ///                 "enabled": true, "defaultServiceMinutes": 20}],
    ///   "counters": [{"id": "1", "name": "1番窓口", "services": ["moving"], "callRule": "longestWait"},
    ///                {"id": "2", "services": ["moving", "certs"], "callRule": {"ratio": {"moving": 2, "certs": 1}}},
    ///                {"id": "3", "services": ["certs", "moving"], "callRule": {"maxWait": 30}}]
    /// }
    /// ```
    public static func read(from reader: JSONObjectReader) -> QueueConfiguration {
        var timeZone = TimeZone(identifier: "Asia/Tokyo")!
        if let name = reader.string("timeZone") {
            if let zone = TimeZone(identifier: name) {
                timeZone = zone
            } else {
                reader.problem("timeZone", "unknown time zone \"\(name)\" (expected an IANA name such as Asia/Tokyo)")
            }
        }
        var resetTime = TimeOfDay(hour: 3, minute: 0)!
        if let text = reader.string("resetTime") {
            if let t = TimeOfDay(text) {
                resetTime = t
            } else {
                reader.problem("resetTime", "expected a time as \"HH:MM\", found \"\(text)\"")
            }
        }
        let recallCooldown = reader.int("recallCooldownSeconds", default: 60, in: 0...3600)
        let noShowAfter = reader.int("noShowAfterRecalls", default: 3, in: 0...20)
        let returnMinutes = reader.int("noShowReturnMinutes", default: 60, in: 0...1440)
        let window = reader.int("estimateWindowMinutes", default: 120, in: 1...100_000)
        let minimumSamples = reader.int("estimateMinimumSamples", default: 5, in: 1...200)
        let defaultMinutes = positiveMinutes(reader, "defaultServiceMinutes") ?? 10
        let priorities = reader.stringArray("priorityCategories") ?? ["elderly", "disabled", "pregnant"]

        let readServices =
            reader.array("services") { element in
                element.object { readService($0) }?.map { (path: element.path, definition: $0) }
            } ?? []
        if !reader.has("services") { reader.problem("services", "is required") }
        checkUnique(readServices.map { ($0.path, $0.definition.id) }, reader: reader, key: "id", what: "service id")
        checkUnique(
            readServices.map { ($0.path, $0.definition.prefix.uppercased()) }, reader: reader, key: "prefix",
            what: "prefix")
        let services = readServices.map(\.definition)

        let known = Set(services.map(\.id))
        let readCounters =
            reader.array("counters") { element in
                element.object { readCounter($0, knownServices: known) }?.map { (path: element.path, definition: $0) }
            } ?? []
        checkUnique(readCounters.map { ($0.path, $0.definition.id) }, reader: reader, key: "id", what: "counter id")
        let counters = readCounters.map(\.definition)

        return QueueConfiguration(
            services: services, counters: counters, resetTime: resetTime, timeZone: timeZone,
            recallCooldownSeconds: recallCooldown, noShowAfterRecalls: noShowAfter,
            noShowReturnMinutes: returnMinutes, estimateWindowMinutes: window,
            estimateMinimumSamples: minimumSamples, defaultServiceMinutes: defaultMinutes,
            priorityCategories: priorities)
    }

    private static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    private static func positiveMinutes(_ reader: JSONObjectReader, _ key: String) -> Double? {
        guard let minutes = reader.double(key) else { return nil }
        guard minutes > 0, minutes <= 24 * 60 else {
            reader.problem(key, "must be more than 0 and at most 1440 minutes, found \(minutes)")
            return nil
        }
        return minutes
    }

    private static func readService(_ reader: JSONObjectReader) -> ServiceDefinition? {
        let id = reader.requiredString("id")
        let name = reader.string("name")
        let prefix = reader.requiredString("prefix")
        if let prefix, prefix.isEmpty || prefix.count > 3 || !prefix.allSatisfy({ $0.isASCII && $0.isLetter }) {
            reader.problem("prefix", "must be 1 to 3 ASCII letters, found \"\(prefix)\"")
        }
        let digits = reader.int("digits", default: 3, in: 1...6)
        let first = reader.int("first", default: 1, in: 0...999_999)
        let last = reader.int("last", default: min(999, Int(pow(10.0, Double(digits))) - 1), in: 0...999_999)
        var numbers = 1...999
        if first > last {
            reader.problem("last", "must not be below first (\(first)), found \(last)")
        } else if String(last).count > digits {
            reader.problem("last", "\(last) does not fit in \(digits) digits")
        } else {
            numbers = first...last
        }
        let hours =
            reader.array("hours") { element -> OpeningInterval? in
                element.object { hoursReader -> OpeningInterval? in
                    guard let from = hoursReader.requiredString("from"), let to = hoursReader.requiredString("to")
                    else { return nil }
                    guard let interval = OpeningInterval(from: from, to: to) else {
                        hoursReader.problem(
                            "to", "expected \"HH:MM\" times with from before to, found \"\(from)\"–\"\(to)\"")
                        return nil
                    }
                    return interval
                } ?? nil
            } ?? []
        var weekdays: Set<Int> = []
        if let days = reader.element("weekdays") {
            for (i, name) in (days.array { $0.string } ?? []).enumerated() {
                if let index = weekdayNames.firstIndex(of: name.lowercased()) {
                    weekdays.insert(index + 1)
                } else {
                    reader.problems.add(
                        "\(days.path)[\(i)]",
                        "expected one of \(weekdayNames.joined(separator: ", ")), found \"\(name)\"")
                }
            }
        }
        let enabled = reader.bool("enabled", default: true)
        let defaultMinutes = positiveMinutes(reader, "defaultServiceMinutes")
        guard let id, let prefix else { return nil }
        return ServiceDefinition(
            id: id, name: name ?? id, prefix: prefix, digits: digits, numbers: numbers, hours: hours,
            weekdays: weekdays, enabled: enabled, defaultServiceMinutes: defaultMinutes)
    }

    private static func readCounter(_ reader: JSONObjectReader, knownServices: Set<String>) -> CounterDefinition? {
        let id = reader.requiredString("id")
        let name = reader.string("name")
        var services: [String] = []
        if let element = reader.element("services") {
            services = element.array { $0.string } ?? []
            for (i, service) in services.enumerated() where !knownServices.contains(service) {
                reader.problems.add("\(element.path)[\(i)]", "unknown service \"\(service)\"")
            }
        } else {
            reader.problem("services", "is required")
        }
        var rule = CallRule.longestWait
        if let element = reader.element("callRule") {
            rule = readCallRule(element, counterServices: services) ?? .longestWait
        }
        guard let id else { return nil }
        return CounterDefinition(id: id, name: name ?? id, services: services, callRule: rule)
    }

    private static func readCallRule(_ element: JSONElementReader, counterServices: [String]) -> CallRule? {
        let names = "\"longestWait\", \"serviceOrder\", {\"ratio\": {…}} or {\"maxWait\": minutes}"
        switch element.value {
        case .string(let name):
            switch name {
            case "longestWait": return .longestWait
            case "serviceOrder": return .serviceOrder
            default:
                element.problems.add(element.path, "expected \(names), found \"\(name)\"")
                return nil
            }
        case .object:
            return element.object { rule -> CallRule? in
                if let minutes = rule.element("maxWait") {
                    guard let m = minutes.int else { return nil }
                    guard m > 0 else {
                        rule.problem("maxWait", "must be more than 0 minutes, found \(m)")
                        return nil
                    }
                    return .maxWait(minutes: m)
                }
                if let weightsElement = rule.element("ratio") {
                    let weights: [ServiceWeight]? = weightsElement.object { weightsReader in
                        weightsReader.object.keys.compactMap { service -> ServiceWeight? in
                            guard let w = weightsReader.int(service) else { return nil }
                            if !counterServices.contains(service) {
                                weightsReader.problem(service, "the counter does not handle service \"\(service)\"")
                                return nil
                            }
                            guard w > 0 else {
                                weightsReader.problem(service, "must be a weight of 1 or more, found \(w)")
                                return nil
                            }
                            return ServiceWeight(service: service, weight: w)
                        }
                    }
                    guard let weights, !weights.isEmpty else {
                        rule.problem("ratio", "needs at least one service weight")
                        return nil
                    }
                    return .ratio(weights)
                }
                element.problems.add(element.path, "expected \(names)")
                return nil
            } ?? nil
        default:
            element.problems.add(element.path, "expected \(names), found \(element.value.typeName)")
            return nil
        }
    }

    /// Reports the second and later uses of a value; `values` pairs each element's path with its value.
    private static func checkUnique(
        _ values: [(path: String, value: String)], reader: JSONObjectReader, key: String, what: String
    ) {
        var seen: [String: String] = [:]
        for (path, value) in values {
            if let first = seen[value] {
                reader.problems.add("\(path).\(key)", "duplicate \(what) \"\(value)\" (already used by \(first))")
            } else {
                seen[value] = path
            }
        }
    }
}
