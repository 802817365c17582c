// SPDX-License-Identifier: Apache-2.0
// Why config/life-events.json could not be loaded: the one error type of the life-event catalog.

/// A catalog of life events, procedures and rules that cannot be used. Each case says what was done
/// to which file and why; problems carry their JSON paths (`rules[3].when.some`).
public enum LifeEventError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The file is not JSON.
    case syntax(file: String, JSONSyntaxError)
    /// The file is JSON but breaks the catalog's rules; every problem found is listed.
    case invalid(file: String, [ValidationProblem])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "cannot read the life-event catalog \(file): \(reason)"
        case .syntax(let file, let error):
            return "cannot load the life-event catalog \(file): \(error)"
        case .invalid(let file, let problems):
            let list = problems.map { "  \($0)" }.joined(separator: "\n")
            return "the life-event catalog \(file) has \(problems.count) problem(s):\n\(list)"
        }
    }
}
