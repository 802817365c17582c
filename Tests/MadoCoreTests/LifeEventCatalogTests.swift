// SPDX-License-Identifier: Apache-2.0
// The shipped life-event catalog and sample interviews: all load, all plan cleanly; catalog mistakes are named by path.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

/// The real config/life-events.json and config/examples, shared by the life-event and interview tests.
enum LifeEventFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let catalog: LifeEventCatalog = {
        do {
            return try LifeEventCatalog(contentsOf: repository.appendingPathComponent("config/life-events.json"))
        } catch {
            fatalError("config/life-events.json does not load: \(error)")
        }
    }()

    static let eventIDs = ["move-in", "move-out", "move-within", "household-change", "death", "birth"]

    /// `config/examples/interview-<event>.json` as (event named in the file, answers object).
    static func example(_ event: String) throws -> (event: String, answers: JSONObject) {
        let url = repository.appendingPathComponent("config/examples/interview-\(event).json")
        let value = try JSONParser.parse(try Data(contentsOf: url))
        guard case .object(let file) = value, case .string(let named)? = file["event"],
            case .object(let answers)? = file["answers"]
        else { throw ExampleError.malformed(event) }
        return (named, answers)
    }

    enum ExampleError: Error { case malformed(String) }

    static func plan(_ event: String, _ answers: JSONObject) -> InterviewPlan {
        LifeEventPlanner.plan(eventID: event, answers: .object(answers), catalog: catalog)
    }
}

extension JSONObject {
    /// The object with `key` set to `value` (replaced in place, or appended); nil removes it.
    func setting(_ key: String, _ value: JSONValue?) -> JSONObject {
        var result = JSONObject(members.filter { $0.key != key })
        if let value {
            if let index = members.firstIndex(where: { $0.key == key }) {
                var list = members
                list[index].value = value
                return JSONObject(list)
            }
            result.append(key, value)
        }
        return result
    }
}

@Suite(.ownThread) struct LifeEventCatalogTests {
    let catalog = LifeEventFixtures.catalog

    @Test func theCatalogHasTheSixEventsOfTheSpecWithTheirJapaneseNames() {
        #expect(catalog.events.map(\.id) == LifeEventFixtures.eventIDs)
        #expect(catalog.events.map(\.name) == ["転入", "転出", "転居", "世帯変更", "死亡", "出生"])
        #expect(catalog.event("死亡")?.id == "death")
        #expect(catalog.event("move-in")?.name == "転入")
        #expect(catalog.event("wedding") == nil)
        #expect(catalog.procedure("児童手当 認定請求")?.id == "child-allowance")
        #expect(catalog.procedure("funeral-expenses")?.forms == ["funeral-expenses"])
    }

    @Test func everyFormIDIsOneOfTheSpecsForms() {
        let specForms: Set = [
            "resident-move", "nhi-enrollment", "nhi-withdrawal", "care-insurance", "child-allowance-claim",
            "child-medical-subsidy", "seal-registration", "funeral-expenses", "certificate-request", "national-pension",
            "late-elderly-medical",
        ]
        let used = Set(catalog.procedures.flatMap(\.forms))
        #expect(used.subtracting(specForms).isEmpty)
        #expect(used == specForms, "every form of the spec is printed by some procedure")
    }

    @Test func proceduresAreListedCounterByCounter() {
        // The plan keeps catalog order; the resident should never be sent back to a counter already visited.
        var seen: [String] = []
        for procedure in catalog.procedures where seen.last != procedure.counter {
            #expect(!seen.contains(procedure.counter), "\(procedure.id) goes back to \(procedure.counter)")
            seen.append(procedure.counter)
        }
    }

    @Test(arguments: LifeEventFixtures.eventIDs)
    func everyExamplePlansWithoutErrors(event: String) throws {
        let example = try LifeEventFixtures.example(event)
        #expect(example.event == event)
        let plan = LifeEventFixtures.plan(example.event, example.answers)
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        #expect(!plan.procedures.isEmpty)
        #expect(plan.eventName == catalog.event(event)?.name)
    }

    @Test(arguments: LifeEventFixtures.eventIDs)
    func everyExampleFileIsAnInterviewBodyThatPlansTheSame(event: String) throws {
        let url = LifeEventFixtures.repository.appendingPathComponent("config/examples/interview-\(event).json")
        let body = try JSONParser.parse(try Data(contentsOf: url))
        let plan = LifeEventPlanner.plan(interview: body, catalog: catalog)
        #expect(plan.errors.isEmpty && plan.event == event)
        let direct = LifeEventFixtures.plan(event, try LifeEventFixtures.example(event).answers)
        #expect(plan.json == direct.json)
    }

    @Test func anInterviewBodyWithoutEventOrWithExtraKeysIsRefusedByPath() throws {
        let body = try JSONParser.parse(#"{"answers": {}, "printer": "counter-1"}"#)
        let plan = LifeEventPlanner.plan(interview: body, catalog: catalog)
        #expect(plan.errors.map { "\($0.field) \($0.code)" } == ["printer unknown_field", "event required"])
        #expect(plan.procedures.isEmpty)
    }

    @Test func theCatalogJSONGivesTheScreenEveryQuestionAndWhenToAskIt() throws {
        guard case .object(let json) = catalog.json, case .array(let events)? = json["events"],
            case .object(let moveIn)? = events.first, case .array(let fields)? = moveIn["fields"]
        else {
            Issue.record("catalog JSON is not {events: [{fields: [...]}]}")
            return
        }
        #expect(events.count == 6 && moveIn["name"] == .string("転入"))
        let care = fields.first { field in
            guard case .object(let object) = field else { return false }
            return object["path"] == .string("members[].careCertified")
        }
        let expectedAsk = try JSONParser.parse(#"{"age": {"min": 40, "max": 64}}"#)
        guard case .object(let careField)? = care else {
            Issue.record("members[].careCertified is not listed")
            return
        }
        #expect(careField["type"] == .string("bool") && careField["ask"] == expectedAsk)
        #expect(careField["required"] == expectedAsk)
        guard case .array(let procedures)? = json["procedures"] else { return }
        #expect(procedures.count == catalog.procedures.count)
    }

    @Test func theMoveInExampleNeedsAtLeastFiveForms() throws {
        let example = try LifeEventFixtures.example("move-in")
        let plan = LifeEventFixtures.plan("move-in", example.answers)
        #expect(plan.formIDs.count >= 5, "\(plan.formIDs)")
        #expect(
            plan.procedures.map(\.id) == [
                "resident-move", "seal-registration", "certificate-request", "nhi-enrollment",
                "late-elderly-enrollment", "national-pension", "child-allowance", "child-medical-subsidy",
                "care-insurance-enrollment",
            ])
        // The grandfather (76) is in 後期高齢者医療 and 介護保険; the mother (国保, 41) in 国保 and 国民年金.
        #expect(plan.procedure("late-elderly-enrollment")?.subjects == [.member(3)])
        #expect(plan.procedure("care-insurance-enrollment")?.subjects == [.member(3)])
        #expect(plan.procedure("nhi-enrollment")?.subjects == [.member(1)])
        #expect(plan.procedure("child-allowance")?.reason == "高校生年代までの子 (1人) が転入するため")
        #expect(plan.procedure("certificate-request")?.reason == "住民票の写しを2通請求されたため")
        let child = try #require(plan.subjectPeople(of: "child-medical-subsidy").first)
        guard case .object(let person) = child else { Issue.record("subject is not a person"); return }
        #expect(person["relationship"] == .string("子"))
    }

    @Test func theDeathExampleEndsTheInsurancesAndChangesTheHouseholder() throws {
        let example = try LifeEventFixtures.example("death")
        let plan = LifeEventFixtures.plan("death", example.answers)
        #expect(
            plan.procedures.map(\.id) == [
                "householder-change", "certificate-request", "nhi-withdrawal", "funeral-expenses",
                "care-insurance-withdrawal",
            ])
        #expect(plan.procedures.allSatisfy { $0.subjects == [.deceased] || $0.subjects.isEmpty })
    }

    @Test func thePlanJSONHasTheSpecsShape() throws {
        let example = try LifeEventFixtures.example("move-in")
        let plan = LifeEventFixtures.plan("転入", example.answers)
        guard case .object(let json) = plan.json, case .array(let procedures)? = json["procedures"],
            case .object(let first)? = procedures.first
        else {
            Issue.record("plan JSON is not an object with procedures")
            return
        }
        #expect(json.keys == ["event", "eventName", "errors", "procedures"])
        #expect(json["event"] == .string("move-in") && json["eventName"] == .string("転入"))
        #expect(first.keys == ["id", "name", "department", "counter", "reason", "reasonEn", "subjects", "forms"])
        #expect(first["subjects"] == .array([.number("0"), .number("1"), .number("2"), .number("3")]))
        #expect(first["forms"] == .array([.string("resident-move")]))
        // The answers are kept for the form filler but never written into the plan.
        #expect(!plan.json.serialized().contains("見本 太郎"))
    }

    // MARK: - Catalog mistakes

    func problems(_ json: String) -> [String] {
        do {
            _ = try LifeEventCatalog(data: Data(json.utf8))
            return []
        } catch .invalid(_, let problems) {
            return problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static let minimalCatalog = """
        {"procedures": [{"id": "p", "name": "手続", "nameEn": "p", "department": "市民課", "counter": "1番窓口", "forms": []}],
         "events": [{"id": "move-in", "name": "転入", "nameEn": "moving in", "fields": [
           {"path": "notificationDate", "type": "date", "label": "届出日", "labelEn": "date", "required": true},
           {"path": "sealRegistration", "type": "bool", "label": "印鑑", "labelEn": "seal", "required": false},
           {"path": "members", "type": "person-list", "label": "異動者", "labelEn": "members", "required": true,
            "fields": [{"path": "birthDate", "type": "date", "label": "生年月日", "labelEn": "birth", "required": true}]}]}],
         "rules": [RULE]}
        """

    @Test func aMinimalCatalogLoads() {
        let rule =
            #"{"procedure": "p", "events": ["move-in"], "when": {"answer": "sealRegistration"}, "reason": "r", "reasonEn": "r"}"#
        #expect(problems(Self.minimalCatalog.replacingOccurrences(of: "RULE", with: rule)) == [])
    }

    @Test(arguments: [
        (
            #"{"procedure": "q", "events": ["move-in"], "subjects": "members", "reason": "r", "reasonEn": "r"}"#,
            #"rules[0].procedure: no procedure "q" in procedures"#
        ),
        (
            #"{"procedure": "p", "events": ["moving"], "subjects": "members", "reason": "r", "reasonEn": "r"}"#,
            #"rules[0].events: no event "moving" in events"#
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "when": {"answer": "sealRegistraton"}, "reason": "r", "reasonEn": "r"}"#,
            #"rules[0]: reads answer "sealRegistraton", which event "move-in" does not ask"#
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "subjects": "deceased", "reason": "r", "reasonEn": "r"}"#,
            #"rules[0]: reads "deceased", which event "move-in" does not ask"#
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "subjects": "members", "where": {"age": {"min": 3}, "insurance": ["national"]}, "reason": "r", "reasonEn": "r"}"#,
            "rules[0].where: expected one operator, found age and insurance"
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "when": {"age": {"min": 65}}, "reason": "r", "reasonEn": "r"}"#,
            #"rules[0].when.age: is a condition on a person: use it inside "where" of some/none/count"#
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "subjects": "members", "where": {"insurance": ["kokuho"]}, "reason": "r", "reasonEn": "r"}"#,
            #"rules[0].where.insurance: must list kinds among employer, national, late-elderly, welfare, none, found "kokuho""#
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "subjects": "members", "reason": "{name}さん", "reasonEn": "r"}"#,
            "rules[0].reason: unknown placeholder {name} (use {count} or {answer:path})"
        ),
        (
            #"{"procedure": "p", "events": ["move-in"], "subjects": "members", "reason": "r", "reasonEn": "r", "reson": "x"}"#,
            "rules[0].reson: unknown key"
        ),
    ])
    func catalogMistakesAreNamedByTheirPath(rule: String, expected: String) {
        let found = problems(Self.minimalCatalog.replacingOccurrences(of: "RULE", with: rule))
        #expect(found.contains(expected), "\(found)")
    }

    @Test func fieldMistakesAreNamedByTheirPath() {
        let rule = #"{"procedure": "p", "events": ["move-in"], "subjects": "members", "reason": "r", "reasonEn": "r"}"#
        let catalog = Self.minimalCatalog.replacingOccurrences(of: "RULE", with: rule)
            .replacingOccurrences(of: #""type": "bool""#, with: #""type": "boolean""#)
            .replacingOccurrences(
                of: #""required": true}]}]}],"#,
                with:
                    #""required": true}]}, {"path": "members.name", "type": "text", "label": "x", "labelEn": "x", "required": true}]}],"#
            )
        let found = problems(catalog)
        #expect(
            found.contains { $0.hasPrefix("events[0].fields[1].type: must be one of text, kana, date") }, "\(found)")
        #expect(
            found.contains(#"events[0].fields[3].path: fields of a person-list are written "members[].name""#),
            "\(found)")
    }

    @Test func aCatalogThatIsNotJSONSaysWhere() {
        do {
            _ = try LifeEventCatalog(data: Data("{\n  \"events\": [,]}".utf8), file: "broken.json")
            Issue.record("a broken catalog loaded")
        } catch {
            #expect("\(error)".contains("broken.json") && "\(error)".contains("line 2"), "\(error)")
        }
    }
}
