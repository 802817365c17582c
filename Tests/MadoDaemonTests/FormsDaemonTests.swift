// SPDX-License-Identifier: Apache-2.0
// The counter's forms through a real madod: every sample interview plans and renders, bad answers are
// named by field without their values, the forms print once each on a private CUPS, and no resident's
// data reaches the log.
import Foundation
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct FormsDaemonTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static var examples: [URL] {
        let directory = repository.appendingPathComponent("config/examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix("interview-") && $0.hasSuffix(".json") }.sorted().map {
            directory.appendingPathComponent($0)
        }
    }

    static func formsSection(printer: CUPSPeer? = nil) -> String {
        let printers =
            printer.map { #""printers": [{ "id": "counter-1", "queue": "\#($0.queue)", "server": "\#($0.server)" }],"# }
            ?? ""
        return """
            "forms": { "city": { "name": "みどり市", "mayor": "みどり市長" },
              "lifeEvents": "\(repository.path)/config/life-events.json", "templates": "\(repository.path)/config/forms",
              \(printers) "retentionSeconds": 0 }
            """
    }

    static func startDaemon(printer: CUPSPeer? = nil) throws -> DaemonHarness {
        let harness = try DaemonHarness(extraConfig: formsSection(printer: printer))
        try harness.start()
        return harness
    }

    static func post(_ harness: DaemonHarness, _ path: String, _ body: String) throws -> RawHTTPResponse {
        try harness.request("POST", path, body: body, headers: ["Content-Type": "application/json"])
    }

    static func object(_ response: RawHTTPResponse) throws -> JSONObject {
        guard case .object(let object) = try JSONParser.parse(response.body) else {
            throw HarnessError(message: "not a JSON object: \(response.text)")
        }
        return object
    }

    // The daemon is driven with blocking calls on the test's own thread (`.ownThread`), never on the
    // cooperative pool, so in-process servers of other suites running at the same time still get its threads.
    @Test func everySampleInterviewPlansWithoutErrorsAndRendersOnePDF() throws {
        let examples = Self.examples
        #expect(examples.count >= 6, "one sample interview per life event")
        let harness = try Self.startDaemon()
        defer { harness.cleanUp() }
        for example in examples {
            let body = try String(contentsOf: example, encoding: .utf8)
            let plan = try Self.post(harness, "/v1/interviews/plan", body)
            #expect(plan.status == 200, "\(example.lastPathComponent): \(plan.text)")
            let object = try Self.object(plan)
            guard case .array(let errors)? = object["errors"], case .array(let procedures)? = object["procedures"]
            else {
                Issue.record("\(example.lastPathComponent): no errors/procedures in \(plan.text)")
                continue
            }
            #expect(errors.isEmpty, "\(example.lastPathComponent): \(errors)")
            #expect(!procedures.isEmpty, "\(example.lastPathComponent) triggers no procedure")

            let rendered = try Self.post(harness, "/v1/forms/render", body)
            #expect(rendered.status == 200, "\(example.lastPathComponent): \(rendered.text.prefix(300))")
            #expect(rendered.headers["content-type"] == "application/pdf")
            #expect(rendered.body.starts(with: Array("%PDF".utf8)))
            #expect(Int(rendered.headers["x-mado-pages"] ?? "") ?? 0 >= 2, "a cover sheet and at least one form")
        }
        // 転入 of a family: the issue's "at least 5 forms".
        let moveIn = try String(
            contentsOf: Self.repository.appendingPathComponent("config/examples/interview-move-in.json"),
            encoding: .utf8)
        let plan = try Self.object(try Self.post(harness, "/v1/interviews/plan", moveIn))
        guard case .array(let procedures)? = plan["procedures"] else { return }
        let forms = Set(
            procedures.flatMap { procedure -> [String] in
                guard case .object(let p) = procedure, case .array(let forms)? = p["forms"] else { return [] }
                return forms.compactMap { if case .string(let id) = $0 { id } else { nil } }
            })
        #expect(forms.count >= 5, "転入 sample needs \(forms.sorted())")
    }

    @Test func badAnswersAreNamedByFieldAndNeverEchoed() throws {
        let harness = try Self.startDaemon()
        defer { harness.cleanUp() }
        let secret = "秘密太郎"
        let body = """
            {"event": "move-in", "answers": {"notificationDate": "令和99年13月1日", "notifier": {"name": "\(secret)",
             "kana": "ヒミツ", "role": "本人", "phone": "12345"}, "members": [{"name": "\(secret)", "kana": "Himitsu",
             "birthDate": "2020-02-30", "sex": "男", "relationship": "長男", "myNumber": "123456789012",
             "insurance": "national"}]}}
            """
        let plan = try Self.post(harness, "/v1/interviews/plan", body)
        #expect(plan.status == 200)
        let object = try Self.object(plan)
        guard case .array(let errors)? = object["errors"] else {
            Issue.record("no errors array: \(plan.text)")
            return
        }
        let fields = errors.compactMap { error -> String? in
            guard case .object(let e) = error, case .string(let field)? = e["field"] else { return nil }
            return field
        }
        for expected in ["notificationDate", "members[0].birthDate", "members[0].myNumber", "members[0].kana"] {
            #expect(fields.contains(expected), "\(expected) not among \(fields)")
        }
        for leaked in [secret, "Himitsu", "123456789012", "2020-02-30", "令和99年"] {
            #expect(!plan.text.contains(leaked), "the plan echoes \(leaked)")
        }
        let refused = try Self.post(harness, "/v1/forms/render", body)
        #expect(refused.status == 422)
        #expect(!refused.text.contains(secret))
        let unknown = try Self.post(harness, "/v1/interviews/plan", #"{"event": "wedding", "answers": {}}"#)
        #expect(unknown.status == 400)
        #expect(unknown.text.contains("\"field\":\"event\""))
        #expect(!harness.log.contains(secret))
    }

    @Test func printedFormsArriveOnceEachAndTheLogHoldsNoResidentData() throws {
        if !Self.isCI, let reason = CUPSPeer.unavailableReason {
            print("FormsDaemonTests: printing skipped, the private CUPS cannot run here: \(reason)")
            return
        }
        let peer = try CUPSPeer()
        defer { peer.stop() }
        let harness = try Self.startDaemon(printer: peer)
        defer { harness.cleanUp() }
        let moveIn = try String(
            contentsOf: Self.repository.appendingPathComponent("config/examples/interview-move-in.json"),
            encoding: .utf8)
        let queued = try Self.post(harness, "/v1/forms/print", moveIn)
        #expect(queued.status == 202, "\(queued.text)")
        let answer = try Self.object(queued)
        guard case .string(let bundle)? = answer["bundle"], case .array(let jobs)? = answer["jobs"] else {
            Issue.record("no bundle/jobs: \(queued.text)")
            return
        }
        #expect(jobs.count >= 6, "the cover sheet and at least 5 forms")

        let deadline = Date().addingTimeInterval(90)
        var states: [String] = []
        repeat {
            Thread.sleep(forTimeInterval: 0.3)
            let list = try harness.request("GET", "/v1/print-jobs?bundle=\(bundle)")
            guard case .array(let listed)? = try Self.object(list)["jobs"] else { continue }
            states = listed.compactMap { job in
                guard case .object(let o) = job, case .string(let state)? = o["state"] else { return nil }
                return state
            }
        } while Date() < deadline && (states.count != jobs.count || states.contains { $0 != "completed" })
        #expect(states.count == jobs.count && states.allSatisfy { $0 == "completed" }, "jobs ended as \(states)")
        #expect(peer.receivedDocuments().count == jobs.count, "each form arrives once: \(peer.receivedDocuments())")

        // No resident's name, kana, address, phone or My Number in anything madod logged.
        let log = harness.log
        for value in try Self.personalValues(in: moveIn) {
            #expect(!log.contains(value), "the log contains a resident's value")
        }
        // The spool keeps nothing once printed (retention 0).
        let spool = harness.directory + "/state/spool"
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []).filter { $0.hasSuffix(".pdf") }
        #expect(left.isEmpty, "spooled PDFs left after printing: \(left.count)")
    }

    /// Every string in the answers that identifies someone: names, kana, addresses, phones, numbers.
    static func personalValues(in interview: String) throws -> [String] {
        let enumerations: Set<String> = [
            "男", "女", "本人", "世帯主", "同一世帯員", "代理人", "employer", "national", "late-elderly", "welfare", "none",
            "普通", "当座",
        ]
        var values: [String] = []
        func collect(_ value: JSONValue, key: String) {
            switch value {
            case .string(let text):
                let isEnumeration = enumerations.contains(text) || key == "relationship" || key == "event"
                if !isEnumeration && text.count >= 2 { values.append(text) }
            case .array(let items): items.forEach { collect($0, key: key) }
            case .object(let object): object.members.forEach { collect($0.value, key: $0.key) }
            default: break
            }
        }
        collect(try JSONParser.parse(Data(interview.utf8)), key: "")
        // Short numbers and ISO dates also occur in log timestamps and counts, so they prove nothing here.
        let isoDate = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
        return values.filter { value in
            if value.wholeMatch(of: isoDate) != nil { return false }
            return !value.allSatisfy { $0.isNumber || $0 == "-" } || value.count >= 7
        }
    }
}
