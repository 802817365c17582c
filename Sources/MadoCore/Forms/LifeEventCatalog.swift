// SPDX-License-Identifier: Apache-2.0
// The life events, procedures and rules of config/life-events.json, loaded once and looked up by id or name.
public import Foundation

/// Everything the planner needs to turn an interview into procedures. Immutable once read.
public struct LifeEventCatalog: Sendable {
    /// In file order (the order `GET /v1/life-events` lists them).
    public let events: [LifeEvent]
    /// In counter order: the plan lists its procedures in this order, so the resident walks the
    /// counters once (市民課, then 保険年金課, 介護保険課, こども家庭課).
    public let procedures: [ProcedureDefinition]
    public let rules: [ProcedureRule]

    public init(events: [LifeEvent], procedures: [ProcedureDefinition], rules: [ProcedureRule]) {
        self.events = events
        self.procedures = procedures
        self.rules = rules
    }

    /// The event with this id (`move-in`) or Japanese name (`転入`).
    public func event(_ idOrName: String) -> LifeEvent? {
        events.first { $0.id == idOrName } ?? events.first { $0.name == idOrName }
    }

    /// The procedure with this id (`child-allowance`) or Japanese name.
    public func procedure(_ idOrName: String) -> ProcedureDefinition? {
        procedures.first { $0.id == idOrName } ?? procedures.first { $0.name == idOrName }
    }

    /// The rules that can fire for an event, in file order.
    public func rules(for eventID: String) -> [ProcedureRule] {
        rules.filter { $0.events.contains(eventID) }
    }

    /// Reads the catalog from a file, such as config/life-events.json.
    public init(contentsOf url: URL) throws(LifeEventError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data, file: url.lastPathComponent)
    }

    /// Reads the catalog from JSON text; `file` names it in errors.
    public init(data: Data, file: String = "life-events.json") throws(LifeEventError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            throw .syntax(file: file, error)
        }
        let problems = ProblemList()
        let catalog = JSONElementReader(value: value, path: "", problems: problems).object {
            LifeEventCatalog.read(from: $0)
        }
        guard let catalog, problems.isEmpty else { throw .invalid(file: file, problems.problems) }
        self = catalog
    }
}
