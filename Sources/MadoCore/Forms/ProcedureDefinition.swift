// SPDX-License-Identifier: Apache-2.0
// One administrative procedure a life event can trigger: who handles it, where, and with which forms.

/// A procedure of config/life-events.json, such as 児童手当 認定請求 at こども家庭課.
public struct ProcedureDefinition: Sendable, Equatable {
    /// ASCII id, such as `child-allowance`.
    public let id: String
    /// Japanese name, as printed on the cover sheet: `児童手当 認定請求`.
    public let name: String
    /// English name, for logs and technicians.
    public let nameEn: String
    /// The 課 that handles it: `こども家庭課`.
    public let department: String
    /// Where the resident goes next: `3番窓口`.
    public let counter: String
    /// Form ids (config/forms/<id>.json) to print; empty when the procedure needs no paper.
    public let forms: [String]

    public init(
        id: String, name: String, nameEn: String, department: String, counter: String, forms: [String]
    ) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.department = department
        self.counter = counter
        self.forms = forms
    }
}
