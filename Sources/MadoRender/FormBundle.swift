// SPDX-License-Identifier: Apache-2.0
// What one resident takes away from the counter: a cover sheet of where to go next, then the filled forms.
public import MadoCore

/// The input of `FormBundleRenderer`: the event, the procedures in the order the resident visits them,
/// and each procedure's filled forms.
public struct FormBundle: Sendable, Equatable {
    /// 転入, 死亡, …
    public var eventName: String
    /// e.g. 港区, printed on the cover sheet.
    public var cityName: String
    public var date: CivilDate
    public var procedures: [FormBundleProcedure]

    public init(eventName: String, cityName: String, date: CivilDate, procedures: [FormBundleProcedure]) {
        self.eventName = eventName
        self.cityName = cityName
        self.date = date
        self.procedures = procedures
    }
}

/// One procedure on the cover sheet, with the forms it needs.
public struct FormBundleProcedure: Sendable, Equatable {
    public var name: String
    public var reason: String
    public var department: String
    public var counter: String
    public var forms: [FormFillResult]

    public init(name: String, reason: String, department: String, counter: String, forms: [FormFillResult]) {
        self.name = name
        self.reason = reason
        self.department = department
        self.counter = counter
        self.forms = forms
    }
}

extension FormBundle {
    /// Fills every form of every procedure of `plan` from its answers. A form two procedures share
    /// (say 住民異動届) is printed once, with the first procedure that needs it.
    ///
    /// Throws `.unknownForm` when a procedure names a form the catalog lacks, and the filler's errors
    /// (`.invalidValue`, naming `<form>.<field>`).
    public static func filling(
        _ plan: InterviewPlan, catalog: FormTemplateCatalog, cityName: String, mayor: String, today: CivilDate
    ) throws(FormFillError) -> FormBundle {
        var printed: Set<String> = []
        var procedures: [FormBundleProcedure] = []
        for procedure in plan.procedures {
            var forms: [FormFillResult] = []
            for formID in procedure.forms where printed.insert(formID).inserted {
                guard let template = catalog[formID] else {
                    throw FormFillError(
                        .unknownForm, form: formID,
                        "procedure \(procedure.id) needs form \(formID), which has no template in the forms directory")
                }
                let context = FormFillContext(
                    cityName: cityName, mayor: mayor, today: today, eventName: plan.eventName,
                    procedureName: procedure.definition.name, procedureReason: procedure.reason,
                    procedureDepartment: procedure.definition.department,
                    procedureCounter: procedure.definition.counter,
                    subjects: procedure.subjectPeople(in: plan.answers))
                forms.append(try FormFiller.fill(template, answers: plan.answers, context: context))
            }
            procedures.append(
                FormBundleProcedure(
                    name: procedure.definition.name, reason: procedure.reason,
                    department: procedure.definition.department, counter: procedure.definition.counter, forms: forms))
        }
        return FormBundle(eventName: plan.eventName, cityName: cityName, date: today, procedures: procedures)
    }

    /// Every form page in print order (after the cover sheet).
    public var formPageCount: Int { procedures.reduce(0) { $0 + $1.forms.reduce(0) { $0 + $1.pages.count } } }
}
