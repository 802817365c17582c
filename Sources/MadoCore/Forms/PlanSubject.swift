// SPDX-License-Identifier: Apache-2.0
// Whom a planned procedure is for: a person in the answers, named by where they are.

/// One person a procedure concerns. In the plan's JSON an entry of `members` is its index (`1`), as the
/// forms spec shows; anyone else is the answer path (`"household[0]"`, `"deceased"`, `"child"`).
public enum PlanSubject: Sendable, Hashable, CustomStringConvertible {
    case member(Int)
    case household(Int)
    case deceased
    case child

    /// The answer path of the person: `members[1]`, `household[0]`, `deceased`, `child`.
    public var description: String {
        switch self {
        case .member(let index): "members[\(index)]"
        case .household(let index): "household[\(index)]"
        case .deceased: "deceased"
        case .child: "child"
        }
    }

    /// The plan's JSON for the subject.
    public var json: JSONValue {
        switch self {
        case .member(let index): .number(String(index))
        default: .string(description)
        }
    }

    /// The person object in `answers`, or nil when the answers hold none there.
    public func person(in answers: JSONValue) -> JSONValue? {
        guard case .object(let root) = answers else { return nil }
        func entry(_ key: String, _ index: Int) -> JSONValue? {
            guard case .array(let list) = root[key], list.indices.contains(index) else { return nil }
            return list[index]
        }
        switch self {
        case .member(let index): return entry("members", index)
        case .household(let index): return entry("household", index)
        case .deceased: return root["deceased"]
        case .child: return root["child"]
        }
    }
}
