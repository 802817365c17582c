// SPDX-License-Identifier: Apache-2.0
// Reading the "queue" section of madod's config, and the problems a technician is shown.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct QueueConfigurationReaderTests {
    func read(_ json: String) throws -> (QueueConfiguration, [String]) {
        guard case .object(let object) = try JSONParser.parse(json) else { fatalError("not an object") }
        let problems = ProblemList()
        let reader = JSONObjectReader(object, path: "queue", problems: problems)
        let config = QueueConfiguration.read(from: reader)
        reader.finish()
        return (config, problems.problems.map(\.description))
    }

    @Test func readsAFullSection() throws {
        let (config, problems) = try read(
            """
            {"timeZone": "Asia/Tokyo", "resetTime": "02:30", "recallCooldownSeconds": 300, "noShowAfterRecalls": 2,
             "noShowReturnMinutes": 30, "estimateWindowMinutes": 90, "estimateMinimumSamples": 8,
             "defaultServiceMinutes": 12.5, "priorityCategories": ["elderly", "pregnant"],
             "services": [
               {"id": "moving", "name": "引越し", "prefix": "A", "digits": 3, "first": 1, "last": 500,
                "hours": [{"from": "08:30", "to": "12:00"}, {"from": "13:00", "to": "17:15"}],
                "weekdays": ["mon", "tue", "wed", "thu", "fri"], "defaultServiceMinutes": 25},
               {"id": "certs", "name": "証明書", "prefix": "B", "enabled": false}],
             "counters": [
               {"id": "1", "name": "1番窓口", "services": ["moving"]},
               {"id": "2", "services": ["moving", "certs"], "callRule": {"ratio": {"moving": 3, "certs": 1}}},
               {"id": "3", "services": ["certs", "moving"], "callRule": {"maxWait": 45}},
               {"id": "4", "services": ["certs"], "callRule": "serviceOrder"}]}
            """)
        #expect(problems == [])
        #expect(config.resetTime == TimeOfDay(hour: 2, minute: 30))
        #expect(config.recallCooldownSeconds == 300 && config.noShowAfterRecalls == 2)
        #expect(config.estimateMinimumSamples == 8 && config.defaultServiceMinutes == 12.5)
        #expect(config.priorityCategories == ["elderly", "pregnant"])
        let moving = try #require(config.service("moving"))
        #expect(moving.numbers == 1...500 && moving.hours.count == 2 && moving.weekdays == [2, 3, 4, 5, 6])
        #expect(moving.hoursText == "08:30–12:00, 13:00–17:15")
        #expect(config.service(prefix: "b")?.enabled == false)
        #expect(
            config.counter("2")?.callRule
                == .ratio([.init(service: "moving", weight: 3), .init(service: "certs", weight: 1)]))
        #expect(config.counter("3")?.callRule == .maxWait(minutes: 45))
        #expect(config.counter("4")?.callRule == .serviceOrder)
        #expect(config.counter("1")?.callRule == .longestWait && config.counter("2")?.name == "2")
    }

    @Test func reportsEveryProblemWithItsPath() throws {
        let (_, problems) = try read(
            """
            {"timeZone": "Mars/Olympus", "resetTime": "3am", "colour": "red",
             "services": [
               {"id": "moving", "prefix": "A", "hours": [{"from": "17:00", "to": "08:30"}], "weekdays": ["someday"]},
               {"id": "certs", "prefix": "a", "last": 1000},
               {"id": "moving", "prefix": "C1"}],
             "counters": [
               {"id": "1", "services": ["moving"]},
               {"id": "2", "services": ["moving"], "callRule": "fastest"},
               {"id": "1", "services": ["foo"], "callRule": {"ratio": {"certs": 0}}}]}
            """)
        #expect(
            problems == [
                "queue.timeZone: unknown time zone \"Mars/Olympus\" (expected an IANA name such as Asia/Tokyo)",
                "queue.resetTime: expected a time as \"HH:MM\", found \"3am\"",
                "queue.services[0].hours[0].to: expected \"HH:MM\" times with from before to, found \"17:00\"–\"08:30\"",
                "queue.services[0].weekdays[0]: expected one of sun, mon, tue, wed, thu, fri, sat, found \"someday\"",
                "queue.services[1].last: 1000 does not fit in 3 digits",
                "queue.services[2].prefix: must be 1 to 3 ASCII letters, found \"C1\"",
                "queue.services[2].id: duplicate service id \"moving\" (already used by queue.services[0])",
                "queue.services[1].prefix: duplicate prefix \"A\" (already used by queue.services[0])",
                "queue.counters[1].callRule: expected \"longestWait\", \"serviceOrder\", {\"ratio\": {…}} or "
                    + "{\"maxWait\": minutes}, found \"fastest\"",
                "queue.counters[2].services[0]: unknown service \"foo\"",
                "queue.counters[2].callRule.ratio.certs: the counter does not handle service \"certs\"",
                "queue.counters[2].callRule.ratio: needs at least one service weight",
                "queue.counters[2].id: duplicate counter id \"1\" (already used by queue.counters[0])",
                "queue.colour: unknown key",
            ])
    }
}
