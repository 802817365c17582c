// SPDX-License-Identifier: Apache-2.0
// A life event (転入, 死亡, …) and the interview the clerk runs for it.

/// One event of config/life-events.json.
public struct LifeEvent: Sendable, Equatable {
    /// ASCII id: `move-in`.
    public let id: String
    /// Japanese name, accepted as an alias of the id: `転入`.
    public let name: String
    /// English name for logs: `moving in`.
    public let nameEn: String
    /// The interview, in the order the screen asks it; person fields follow their container.
    public let fields: [InterviewField]

    public init(id: String, name: String, nameEn: String, fields: [InterviewField]) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.fields = fields
    }

    /// The field at `path` (`members[].birthDate`), if the interview has one.
    public func field(at path: String) -> InterviewField? { fields.first { $0.path == path } }
}
