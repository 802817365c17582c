// SPDX-License-Identifier: Apache-2.0
// A madod with a small queue configuration for the queue's process tests, and JSON helpers.
import Foundation
import MadoTestSupport

/// The queue section used by the daemon tests: two services open all day, three counters, no
/// recall cooldown, and a reset time half a day away so that no test runs across it.
enum QueueTestDaemon {
    static let kioskToken = "test-kiosk-token-0001"
    static let counterToken = "test-counter-token-0001"

    static func extraConfig(lan: Bool = false) -> String {
        var zone = Calendar(identifier: .gregorian)
        zone.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let later = zone.dateComponents([.hour, .minute], from: Date().addingTimeInterval(12 * 3600))
        let reset = String(format: "%02d:%02d", later.hour!, later.minute!)
        let lanSection =
            lan
            ? #""lan": { "enabled": true, "address": "127.0.0.1", "port": 0, "publicBaseURL": "http://mado.test:8080" },"#
            : ""
        return """
            \(lanSection)
              "tokens": [
                { "id": "kiosk-1", "token": "\(kioskToken)", "roles": ["kiosk"] },
                { "id": "counter-1", "token": "\(counterToken)", "roles": ["counter"] }
              ],
              "queue": {
                "resetTime": "\(reset)", "recallCooldownSeconds": 0, "noShowAfterRecalls": 2,
                "services": [
                  { "id": "moving", "name": "引越し", "prefix": "A" },
                  { "id": "certificates", "name": "証明書", "prefix": "B" }
                ],
                "counters": [
                  { "id": "1", "name": "1番窓口", "services": ["moving"] },
                  { "id": "2", "name": "2番窓口", "services": ["moving", "certificates"] },
                  { "id": "3", "name": "3番窓口", "services": ["certificates"] }
                ]
              }
            """
    }

    static func start(lan: Bool = false) throws -> DaemonHarness {
        let daemon = try DaemonHarness(extraConfig: extraConfig(lan: lan))
        do {
            try daemon.start()
        } catch {
            daemon.cleanUp()
            throw error
        }
        return daemon
    }
}

extension RawHTTPResponse {
    /// The body as a JSON object (nil when it is not one).
    var object: [String: Any]? {
        try? JSONSerialization.jsonObject(with: body, options: .fragmentsAllowed) as? [String: Any]
    }

    var array: [[String: Any]]? {
        try? JSONSerialization.jsonObject(with: body, options: .fragmentsAllowed) as? [[String: Any]]
    }

    /// The error envelope's `error` member.
    var error: [String: Any]? { object?["error"] as? [String: Any] }
}

/// Runs curl against a TCP URL (the LAN listener) and returns the status and body.
func curl(_ method: String, _ url: String, token: String? = nil, body: String? = nil) throws -> (Int, String) {
    var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", url]
    if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
    if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
    let (_, text) = try ChildProcess.run("/usr/bin/curl", arguments)
    guard let split = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: split)...]) else {
        return (0, text)
    }
    return (status, String(text[..<split]))
}
