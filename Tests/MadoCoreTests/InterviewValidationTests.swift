// SPDX-License-Identifier: Apache-2.0
// Validation of interview answers: every error names its field path and reason, and never the value typed.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct InterviewValidationTests {
    func moveIn(_ change: (JSONObject) -> JSONObject) throws -> InterviewPlan {
        LifeEventFixtures.plan("move-in", change(try LifeEventFixtures.example("move-in").answers))
    }

    /// The answers' `members` list with person `index` changed by `change`.
    func member(_ index: Int, _ change: @escaping (JSONObject) -> JSONObject) -> (JSONObject) -> JSONObject {
        { answers in
            guard case .array(var people)? = answers["members"], case .object(let person) = people[index] else {
                return answers
            }
            people[index] = .object(change(person))
            return answers.setting("members", .array(people))
        }
    }

    func errors(_ plan: InterviewPlan) -> [String] { plan.errors.map { "\($0.field) \($0.code)" } }

    @Test(arguments: [
        ("birthDate", JSONValue?.none, "members[1].birthDate required", "生年月日を入力してください"),
        ("birthDate", .string("2026-02-30"), "members[1].birthDate invalid_date", "生年月日: "),
        ("birthDate", .string("平成31年5月1日"), "members[1].birthDate out_of_era", "生年月日: "),
        ("birthDate", .string("2027-01-01"), "members[1].birthDate after_notification", "生年月日: 届出日より後の日付です"),
        ("myNumber", .string("301661318601"), "members[1].myNumber bad_check_digit", "個人番号: "),
        ("kana", .string("見本 花子"), "members[1].kana not_kana", "フリガナ: "),
        ("sex", .string("F"), "members[1].sex invalid_choice", "性別: 男・女のいずれかを選んでください"),
        ("insurance", .string("kokuho"), "members[1].insurance invalid_choice", "加入している健康保険: "),
        ("relationship", .string("長男"), "members[1].relationship unknown_relationship", "続柄: "),
        ("birthday", .string("1985-09-02"), "members[1].birthday unknown_field", "「転入」の届出にない項目です"),
        ("insurance", .number("1"), "members[1].insurance invalid_type", "加入している健康保険: 文字で入力してください"),
    ])
    func aBadPersonAnswerIsNamedByItsPath(key: String, value: JSONValue?, expected: String, message: String) throws {
        let plan = try moveIn(member(1) { $0.setting(key, value) })
        #expect(errors(plan).contains(expected), "\(errors(plan))")
        let error = try #require(plan.errors.first { "\($0.field) \($0.code)" == expected })
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(!error.messageEn.isEmpty)
    }

    @Test func aTypoInAnAnswerKeyIsAnErrorNotASilentlyMissingProcedure() throws {
        let plan = try moveIn { answers in
            guard let members = answers["members"] else { return answers }
            return answers.setting("members", nil).setting("memebers", members)
        }
        #expect(errors(plan).contains("memebers unknown_field"))
        #expect(errors(plan).contains("members required"))
        #expect(plan.procedures.isEmpty || !plan.isValid)
    }

    @Test func keysOfOtherEventsAreUnknownHere() throws {
        let plan = try moveIn { $0.setting("deceased", .object(JSONObject())) }
        #expect(errors(plan) == ["deceased unknown_field"])
    }

    @Test func careCertificationIsAskedOnlyFrom40To64() throws {
        // The mother (41) must say whether she is certified; the child (10) need not.
        let plan = try moveIn(member(1) { $0.setting("careCertified", nil) })
        #expect(errors(plan) == ["members[1].careCertified required"])
        #expect(plan.errors.first?.message == "要介護・要支援認定を入力してください")
        #expect(plan.errors.first?.messageEn == "care-need certification is required")
    }

    @Test func aBankAccountIsRequiredOnlyWhenMoneyIsPaid() throws {
        let withChild = try moveIn { $0.setting("bank", nil) }
        #expect(errors(withChild) == ["bank required"])
        let withoutChild = try moveIn { answers in
            guard case .array(let people)? = answers["members"] else { return answers }
            return answers.setting("members", .array(people.enumerated().filter { $0.offset != 2 }.map(\.element)))
                .setting("bank", nil)
        }
        #expect(withoutChild.errors.isEmpty, "\(errors(withoutChild))")
        #expect(withoutChild.procedure("child-allowance") == nil)
    }

    @Test func aBadAccountNumberAndBankTypo() throws {
        let plan = try moveIn { answers in
            answers.setting(
                "bank",
                .object(
                    JSONObject([
                        ("name", .string("架空銀行")), ("branch", .string("見本支店")), ("type", .string("普通")),
                        ("number", .string("12345")), ("holderKana", .string("ミホン タロウ")), ("swift", .string("X")),
                    ])))
        }
        #expect(errors(plan) == ["bank.swift unknown_field", "bank.number wrong_length"])
    }

    @Test func addressPartsAreCheckedOneByOne() throws {
        let noTown = try moveIn { answers in
            guard case .object(let address)? = answers["address"] else { return answers }
            return answers.setting("address", .object(address.setting("town", .string(" "))))
        }
        #expect(errors(noTown) == ["address.town missing_address_part"])
        let badPostal = try moveIn { answers in
            guard case .object(let address)? = answers["previousAddress"] else { return answers }
            return answers.setting(
                "previousAddress",
                .object(address.setting("postalCode", .string("12-345")).setting("room", .string("1"))))
        }
        #expect(errors(badPostal).contains("previousAddress.room unknown_field"), "\(errors(badPostal))")
        #expect(errors(badPostal).contains { $0.hasPrefix("previousAddress.postalCode ") }, "\(errors(badPostal))")
    }

    @Test func aDateMayBeWrittenInWareki() throws {
        let plan = try moveIn { $0.setting("notificationDate", .string("令和8年12月3日")) }
        #expect(plan.errors.isEmpty, "\(errors(plan))")
        #expect(plan.procedure("child-allowance") != nil)
    }

    @Test func anEmptyMoveInListsWhatIsRequired() {
        let plan = LifeEventPlanner.plan(
            eventID: "move-in", answers: .object(JSONObject()), catalog: LifeEventFixtures.catalog)
        #expect(
            errors(plan) == [
                "notificationDate required", "moveDate required", "notifier required", "address required",
                "previousAddress required", "householder required", "members required",
            ])
        #expect(plan.procedures.isEmpty)
    }

    @Test func anEmptyPeopleListIsRefused() throws {
        let plan = try moveIn { $0.setting("members", .array([])) }
        #expect(errors(plan).contains("members too_few"))
        let notAPerson = try moveIn { $0.setting("members", .array([.string("見本 太郎")])) }
        #expect(errors(notAPerson).contains("members[0] invalid_type"))
    }

    @Test func anUnknownEventIsOneErrorAndNoProcedures() {
        let plan = LifeEventPlanner.plan(
            eventID: "結婚", answers: .object(JSONObject()), catalog: LifeEventFixtures.catalog)
        #expect(errors(plan) == ["event unknown_event"])
        #expect(plan.procedures.isEmpty && plan.eventName.isEmpty)
        #expect(plan.errors[0].message.contains("move-in (転入)"))
        let notAnObject = LifeEventPlanner.plan(eventID: "転入", answers: .array([]), catalog: LifeEventFixtures.catalog)
        #expect(errors(notAnObject) == ["answers invalid_type"])
    }

    // MARK: - Privacy

    /// Every string value in `value` (not the keys, which the errors name), for the leak check.
    static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let s): [s]
        case .number(let n): [n]
        case .array(let items): items.flatMap(strings(in:))
        case .object(let object): object.members.flatMap { strings(in: $0.value) }
        default: []
        }
    }

    /// `value` with every string leaf at its own path replaced by `transform(path, string)`, one at a time.
    static func variants(of value: JSONValue, path: String = "") -> [(path: String, value: JSONValue, typed: String)] {
        switch value {
        case .string(let s):
            // A character no field accepts at the end (kana, digits, dates, choices) makes each answer wrong.
            let typed = s + "Ж9"
            return [(path, .string(typed), typed)]
        case .array(let items):
            return items.enumerated().flatMap { index, item in
                variants(of: item, path: "\(path)[\(index)]").map { variant in
                    var copy = items
                    copy[index] = variant.value
                    return (variant.path, JSONValue.array(copy), variant.typed)
                }
            }
        case .object(let object):
            return object.members.flatMap { member in
                variants(of: member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)").map { variant in
                    (variant.path, JSONValue.object(object.setting(member.key, variant.value)), variant.typed)
                }
            }
        default:
            return []
        }
    }

    @Test(arguments: LifeEventFixtures.eventIDs)
    func noErrorMessageContainsAnAnswerValue(event: String) throws {
        let answers = JSONValue.object(try LifeEventFixtures.example(event).answers)
        let catalog = LifeEventFixtures.catalog
        var erroneous = 0
        for variant in Self.variants(of: answers) {
            let plan = LifeEventPlanner.plan(eventID: event, answers: variant.value, catalog: catalog)
            erroneous += plan.errors.isEmpty ? 0 : 1
            for error in plan.errors {
                let text = [error.field, error.code, error.message, error.messageEn, error.description]
                    .joined(separator: "\n")
                #expect(!text.contains(variant.typed), "\(variant.path): an error quotes the value")
                #expect(!text.contains("Ж"), "\(variant.path): an error quotes part of the value")
            }
            // The reasons on the cover sheet never quote names either.
            for procedure in plan.procedures {
                #expect(!procedure.reason.contains("Ж") && !procedure.reasonEn.contains("Ж"))
            }
        }
        #expect(erroneous > 5, "the variants were meant to be refused")
        // Unknown keys are named by path, and that path is the clerk's key, not a value.
        guard case .object(let object) = answers else { return }
        let plan = LifeEventPlanner.plan(
            eventID: event, answers: .object(object.setting("memo", .string("秘密の値123"))), catalog: catalog)
        #expect(plan.errors.map(\.field) == ["memo"])
        #expect(!plan.errors.map(\.description).joined().contains("秘密の値123"))
    }

    @Test func everyValueOfTheExamplesStaysOutOfTheErrorsOfAnEmptyPlan() throws {
        // Names, My Numbers and dates of the examples, checked against the errors of a plan full of mistakes.
        let example = try LifeEventFixtures.example("move-in").answers
        let broken = example.setting("notificationDate", .string("2026-13-45"))
            .setting(
                "members",
                .array([.object(JSONObject([("name", .string("見本 太郎")), ("myNumber", .string("526018159085"))]))]))
        let plan = LifeEventFixtures.plan("move-in", broken)
        #expect(!plan.errors.isEmpty)
        let text = plan.errors.map { "\($0.message) \($0.messageEn) \($0.field)" }.joined(separator: "\n")
        for value in Self.strings(in: .object(broken)) where value.count >= 4 {
            #expect(!text.contains(value), "an error quotes an answer value")
        }
    }
}
