// SPDX-License-Identifier: Apache-2.0
// What a form shows besides the resident's answers: the city, today, and the procedure it is for.

/// The sources the filler adds to the answers: `city.name`, `city.mayor`, `today`, `event.name`,
/// `procedure.name|reason|department|counter`, and `subjects` (the procedure's subjects as Person objects).
public struct FormFillContext: Sendable, Equatable {
    /// e.g. 港区 (config `forms.city`).
    public var cityName: String
    /// e.g. 港区長 山田 一郎, for 「(宛先) ○○市長」.
    public var mayor: String
    public var today: CivilDate
    /// The life event's Japanese name (転入).
    public var eventName: String
    public var procedureName: String
    public var procedureReason: String
    public var procedureDepartment: String
    public var procedureCounter: String
    /// The people this procedure concerns, as Person objects from the answers
    /// (`PlannedProcedure.subjectPeople(in:)`); empty when it is for the household.
    public var subjects: [JSONValue]

    public init(
        cityName: String, mayor: String, today: CivilDate, eventName: String = "", procedureName: String = "",
        procedureReason: String = "", procedureDepartment: String = "", procedureCounter: String = "",
        subjects: [JSONValue] = []
    ) {
        self.cityName = cityName
        self.mayor = mayor
        self.today = today
        self.eventName = eventName
        self.procedureName = procedureName
        self.procedureReason = procedureReason
        self.procedureDepartment = procedureDepartment
        self.procedureCounter = procedureCounter
        self.subjects = subjects
    }
}
