// SPDX-License-Identifier: Apache-2.0
// The queue the bench runs: config/demo.json's services and counters, open around the clock.

/// The "queue" config section and the request bodies that go with it. It is config/demo.json's
/// queue with two deliberate changes: no opening hours (the demo closes at 17:15, and the bench
/// must measure the same thing at any hour) and four-digit numbers (part (a) alone issues 2,000
/// tickets of one service, beyond the demo's 1–999).
struct BenchQueueConfiguration {
    let services = ["moving", "certificates", "insurance-pension", "children"]
    var firstService: String { services[0] }

    var section: String {
        """
        "queue": {
            "resetTime": "03:00", "recallCooldownSeconds": 30, "noShowAfterRecalls": 3, "noShowReturnMinutes": 60,
            "estimateWindowMinutes": 120, "estimateMinimumSamples": 5, "defaultServiceMinutes": 10,
            "priorityCategories": ["elderly", "disabled", "pregnant"],
            "services": [
              { "id": "moving", "name": "引越し", "prefix": "A", "digits": 4, "first": 1, "last": 9999, "defaultServiceMinutes": 20 },
              { "id": "certificates", "name": "証明書", "prefix": "B", "digits": 4, "first": 1, "last": 9999, "defaultServiceMinutes": 5 },
              { "id": "insurance-pension", "name": "国保・年金", "prefix": "C", "digits": 4, "first": 1, "last": 9999, "defaultServiceMinutes": 15 },
              { "id": "children", "name": "児童・こども", "prefix": "D", "digits": 4, "first": 1, "last": 9999, "defaultServiceMinutes": 15 }
            ],
            "counters": [
              { "id": "1", "name": "1番窓口", "services": ["moving"], "callRule": "longestWait" },
              { "id": "2", "name": "2番窓口", "services": ["moving", "certificates"], "callRule": { "ratio": { "moving": 2, "certificates": 1 } } },
              { "id": "3", "name": "3番窓口", "services": ["certificates"], "callRule": "longestWait" },
              { "id": "4", "name": "4番窓口", "services": ["insurance-pension", "children"], "callRule": { "maxWait": 30 } },
              { "id": "5", "name": "5番窓口", "services": ["children", "insurance-pension"], "callRule": "serviceOrder" }
            ]
          }
        """
    }

    func issueBody(service: String) -> String { #"{"service":"\#(service)","priority":false}"# }
}
