// SPDX-License-Identifier: Apache-2.0
// The rule table of config/life-events.json, event by event, with the edge ages where procedures start and stop.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct LifeEventRuleTests {
    /// Everybody's age is counted on this 届出日 (the examples' date).
    static let notificationDate = "2026-12-03"

    /// A person of the given birth date; the other keys as the movers' field set requires.
    static func person(
        born birthDate: String, insurance: String = "national", careCertified: Bool? = nil,
        relationship: String = "子", sex: String = "男"
    ) -> JSONValue {
        var object = JSONObject([
            ("name", .string("見本 試験")), ("kana", .string("みほん しけん")), ("birthDate", .string(birthDate)),
            ("sex", .string(sex)), ("relationship", .string(relationship)), ("insurance", .string(insurance)),
        ])
        if let careCertified { object.append("careCertified", .bool(careCertified)) }
        return .object(object)
    }

    /// Born exactly `years` before the notification date: that many years old on it.
    static func born(yearsAgo years: Int, daysLater: Int = 0) -> String {
        let date = CivilDate(year: 2026 - years, month: 12, day: 3)!.adding(days: daysLater)
        return date.iso
    }

    /// The example of `event` with its people replaced.
    func plan(_ event: String, set changes: [String: JSONValue?]) throws -> InterviewPlan {
        var answers = try LifeEventFixtures.example(event).answers
        for (key, value) in changes { answers = answers.setting(key, value) }
        return LifeEventFixtures.plan(event, answers)
    }

    /// Plans a move-in of `people` (no seal, no copies), failing the test on any validation error.
    func moveIn(_ people: [JSONValue]) throws -> InterviewPlan {
        let plan = try plan(
            "move-in", set: ["members": .array(people), "sealRegistration": nil, "certificateCopies": nil])
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        return plan
    }

    func ids(_ plan: InterviewPlan) -> [String] { plan.procedures.map(\.id) }

    // MARK: - 転入

    @Test(arguments: [
        // (birth date, 児童手当 (until 31 March after 18), こども医療費 (until 31 March after 15))
        (born(yearsAgo: 0, daysLater: -10), true, true),
        ("2012-01-01", true, true),  // 14
        ("2011-04-02", true, true),  // 15 but still 中学3年: reached 15 on 4月1日, so in the 年度 until 2027-03-31
        ("2011-04-01", true, false),  // 15, 高校1年: reached 15 on 2026-03-31 (早生まれ), 中学校修了
        ("2008-04-02", true, false),  // 18, 高校3年
        ("2008-04-01", false, false),  // 18, reached 18 on 2026-03-31: 高校生年代 over
    ])
    func childrenMovingInGetTheAllowanceAndTheMedicalSubsidyBySchoolYear(
        birthDate: String, allowance: Bool, medical: Bool
    ) throws {
        let plan = try moveIn([
            Self.person(
                born: Self.born(yearsAgo: 45), insurance: "employer", careCertified: false, relationship: "世帯主"),
            Self.person(born: birthDate, insurance: "employer"),
        ])
        #expect(ids(plan).contains("child-allowance") == allowance)
        #expect(ids(plan).contains("child-medical-subsidy") == medical)
        if allowance { #expect(plan.procedure("child-allowance")?.subjects == [.member(1)]) }
        if medical {
            #expect(plan.procedure("child-medical-subsidy")?.reason == "中学生以下の子 (1人) が転入するため")
            #expect(plan.procedure("child-medical-subsidy")?.forms == ["child-medical-subsidy"])
        }
    }

    @Test(arguments: [
        // (age, certified, 介護保険)
        (39, true, false), (40, true, true), (40, false, false), (64, true, true), (64, false, false),
        (65, false, true), (80, false, true),
    ])
    func careInsuranceIsFor65AndOverOr40To64WithCertification(age: Int, certified: Bool, care: Bool) throws {
        let asked = (40...64).contains(age) ? certified : nil
        let plan = try moveIn([
            Self.person(
                born: Self.born(yearsAgo: age), insurance: "employer", careCertified: asked, relationship: "世帯主")
        ])
        #expect(ids(plan).contains("care-insurance-enrollment") == care)
        if care {
            #expect(plan.procedure("care-insurance-enrollment")?.subjects == [.member(0)])
            #expect(plan.procedure("care-insurance-enrollment")?.forms == ["care-insurance"])
        }
    }

    @Test func theDayBeforeThe65thBirthdayIsStill64() throws {
        let plan = try moveIn([
            Self.person(
                born: Self.born(yearsAgo: 65, daysLater: 1), insurance: "employer", careCertified: false,
                relationship: "世帯主")
        ])
        #expect(!ids(plan).contains("care-insurance-enrollment"))
    }

    @Test(arguments: [
        // (age, insurance, 国保, 後期高齢, 国民年金)
        (30, "employer", false, false, false),
        (30, "national", true, false, true),
        (30, "none", true, false, true),
        (30, "welfare", false, false, true),
        (19, "national", true, false, false),
        (20, "national", true, false, true),
        (59, "national", true, false, true),
        (60, "national", true, false, false),
        (74, "national", true, false, false),
        (75, "national", false, true, false),
        (75, "late-elderly", false, true, false),
        (70, "late-elderly", false, true, false),  // 障害認定 65–74
        (80, "welfare", false, false, false),
    ])
    func healthInsuranceAndPensionFollowAgeAndEmployer(
        age: Int, insurance: String, nhi: Bool, lateElderly: Bool, pension: Bool
    ) throws {
        let certified: Bool? = (40...64).contains(age) ? false : nil
        let plan = try moveIn([
            Self.person(
                born: Self.born(yearsAgo: age), insurance: insurance, careCertified: certified, relationship: "世帯主")
        ])
        #expect(ids(plan).contains("nhi-enrollment") == nhi)
        #expect(ids(plan).contains("late-elderly-enrollment") == lateElderly)
        #expect(ids(plan).contains("national-pension") == pension)
    }

    @Test func everyMoveInFilesTheResidentMoveForEveryMember() throws {
        let plan = try moveIn([
            Self.person(born: "1980-01-01", insurance: "employer", careCertified: false, relationship: "世帯主"),
            Self.person(born: "1982-02-02", insurance: "employer", careCertified: false, relationship: "妻", sex: "女"),
        ])
        #expect(ids(plan) == ["resident-move"])
        #expect(plan.procedures[0].subjects == [.member(0), .member(1)])
        #expect(plan.procedures[0].reason == "転入の届出 (2人)")
        #expect(plan.procedures[0].reasonEn == "moving-in notification for 2 person(s)")
    }

    @Test func sealAndCertificatesOnlyWhenAsked() throws {
        let asked = try plan("move-in", set: ["sealRegistration": .bool(true), "certificateCopies": .number("3")])
        #expect(ids(asked).contains("seal-registration") && ids(asked).contains("certificate-request"))
        #expect(asked.procedure("certificate-request")?.reason == "住民票の写しを3通請求されたため")
        #expect(asked.procedure("seal-registration")?.subjects == [])
        let none = try plan("move-in", set: ["sealRegistration": .bool(false), "certificateCopies": .number("0")])
        #expect(!ids(none).contains("seal-registration") && !ids(none).contains("certificate-request"))
    }

    // MARK: - 転出, 転居, 世帯変更

    @Test func movingOutEndsTheCitysInsurancesAndAllowances() throws {
        let plan = try plan(
            "move-out",
            set: [
                "members": .array([
                    Self.person(born: "1985-05-05", insurance: "national", careCertified: false, relationship: "世帯主"),
                    Self.person(born: "2015-05-05", insurance: "national"),
                    Self.person(born: "1948-05-05", insurance: "late-elderly", relationship: "母", sex: "女"),
                ])
            ])
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        #expect(
            ids(plan) == [
                "resident-move", "certificate-request", "nhi-withdrawal", "late-elderly-withdrawal", "national-pension",
                "child-allowance-end", "child-medical-subsidy-end", "care-insurance-withdrawal",
            ])
        #expect(plan.procedure("nhi-withdrawal")?.subjects == [.member(0), .member(1)])
        #expect(plan.procedure("nhi-withdrawal")?.forms == ["nhi-withdrawal"])
        #expect(plan.procedure("late-elderly-withdrawal")?.subjects == [.member(2)])
        #expect(plan.procedure("care-insurance-withdrawal")?.subjects == [.member(2)])
        #expect(plan.procedure("child-allowance-end")?.forms == [])
    }

    @Test func movingOutAloneOnEmployerInsuranceIsOnlyTheNotification() throws {
        let plan = try plan(
            "move-out",
            set: [
                "members": .array([Self.person(born: "1995-01-01", insurance: "employer", relationship: "世帯主")]),
                "certificateCopies": nil,
            ])
        #expect(ids(plan) == ["resident-move"])
        #expect(plan.procedures[0].reason == "転出の届出 (1人)")
    }

    @Test func movingWithinTheCityChangesAddressesOnTheCards() throws {
        let plan = try plan(
            "move-within",
            set: [
                "members": .array([
                    Self.person(born: "1955-02-11", insurance: "national", relationship: "世帯主", sex: "女"),
                    Self.person(born: "2014-09-09", insurance: "national", relationship: "孫"),
                ]),
                "certificateCopies": nil,
            ])
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        #expect(
            ids(plan) == [
                "resident-move", "nhi-change", "child-allowance-change", "child-medical-subsidy-change",
                "care-insurance-change",
            ])
        #expect(plan.procedure("care-insurance-change")?.forms == ["care-insurance"])
        #expect(plan.procedure("nhi-change")?.reason == "国民健康保険の加入者 (2人) の住所が変わるため")
    }

    @Test func householdChangeOnNationalInsuranceAlsoTellsTheNHIDesk() throws {
        let employer = try plan("household-change", set: [:])
        #expect(ids(employer) == ["resident-move"])
        #expect(employer.procedures[0].reason == "世帯変更の届出 (1人)")
        let national = try plan(
            "household-change",
            set: ["members": .array([Self.person(born: "1990-07-07", insurance: "national", relationship: "世帯主")])])
        #expect(ids(national) == ["resident-move", "nhi-change"])
    }

    // MARK: - 死亡

    func death(_ deceased: JSONValue, remaining: Int = 2) throws -> InterviewPlan {
        var household = [
            Self.person(born: "1955-10-10", insurance: "national", relationship: "妻", sex: "女"),
            Self.person(born: "1981-04-04", insurance: "employer", relationship: "子"),
        ]
        household = Array(household.prefix(remaining))
        let plan = try plan(
            "death", set: ["deceased": deceased, "household": .array(household), "certificateCopies": nil])
        return plan
    }

    @Test func theDeathOfAHouseholderOnNationalInsurance() throws {
        let plan = try death(Self.person(born: "1953-02-01", insurance: "national", relationship: "世帯主"))
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        #expect(
            ids(plan) == ["householder-change", "nhi-withdrawal", "funeral-expenses", "care-insurance-withdrawal"])
        #expect(plan.procedure("householder-change")?.forms == ["resident-move"])
        #expect(plan.procedure("funeral-expenses")?.subjects == [.deceased])
        #expect(plan.procedure("funeral-expenses")?.reason == "国民健康保険・後期高齢者医療の加入者が亡くなったため（葬祭費）")
    }

    @Test func noHouseholderChangeWhenOnePersonRemainsOrTheDeceasedWasNotTheHouseholder() throws {
        let alone = try death(Self.person(born: "1953-02-01", insurance: "national", relationship: "世帯主"), remaining: 1)
        #expect(!ids(alone).contains("householder-change"))
        let wife = try death(Self.person(born: "1953-02-01", insurance: "national", relationship: "妻", sex: "女"))
        #expect(!ids(wife).contains("householder-change"))
        // Without 世帯主変更, the new householder is not asked for.
        #expect(!wife.errors.contains { $0.field == "householder" })
    }

    @Test func theDeathOf80YearOldInLateElderlyCare() throws {
        let plan = try death(Self.person(born: "1946-01-01", insurance: "late-elderly", relationship: "父"))
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        #expect(ids(plan) == ["late-elderly-withdrawal", "funeral-expenses", "care-insurance-withdrawal"])
    }

    @Test func theDeceasedsAgeIsCountedOnTheDayOfDeath() throws {
        // Died at 74 on 11月30日, three days before the 届出: never in 後期高齢者医療.
        let plan = try death(Self.person(born: "1951-12-01", insurance: "national", relationship: "父"))
        #expect(ids(plan).contains("nhi-withdrawal"))
        #expect(!ids(plan).contains("late-elderly-withdrawal"))
    }

    @Test func theDeathOfAnEmployeeUnder40HasNoInsuranceProcedureHere() throws {
        let plan = try death(Self.person(born: "1990-01-01", insurance: "employer", relationship: "子"))
        #expect(ids(plan).isEmpty)
        // No 葬祭費, so neither the funeral nor the bank account is required.
        let withoutFuneral = try self.plan(
            "death",
            set: [
                "deceased": Self.person(born: "1990-01-01", insurance: "employer", relationship: "子"),
                "funeral": nil, "bank": nil, "householder": nil,
            ])
        #expect(withoutFuneral.errors.isEmpty, "\(withoutFuneral.errors.map(\.description))")
    }

    // MARK: - 出生

    @Test func aBirthIntoANationalInsuranceHousehold() throws {
        let example = try LifeEventFixtures.example("birth")
        let plan = LifeEventFixtures.plan("birth", example.answers)
        #expect(
            ids(plan) == ["birth-registration", "nhi-enrollment", "child-allowance", "child-medical-subsidy"])
        #expect(plan.procedures.allSatisfy { $0.subjects == [.child] })
        #expect(plan.procedure("child-allowance")?.forms == ["child-allowance-claim"])
    }

    @Test func aBirthIntoAnEmployeesHouseholdNeedsNoNationalInsurance() throws {
        let plan = try plan(
            "birth",
            set: [
                "household": .array([
                    Self.person(born: "1994-05-05", insurance: "employer", relationship: "世帯主"),
                    Self.person(born: "1996-08-08", insurance: "national", relationship: "妻", sex: "女"),
                ])
            ])
        #expect(plan.errors.isEmpty, "\(plan.errors.map(\.description))")
        #expect(ids(plan) == ["birth-registration", "child-allowance", "child-medical-subsidy"])
    }
}
