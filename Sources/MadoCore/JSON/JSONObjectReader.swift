// SPDX-License-Identifier: Apache-2.0
// Strict, problem-collecting reading of JSON objects: every mistake in a config file or request body
// is reported at once with its JSON path ("printers[1].uri: expected ipp:// or ipps://"), and a key
// the reader did not ask for is an error rather than silently ignored.
import Foundation

/// One problem found while reading JSON, named by its path.
public struct ValidationProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON path such as `printers[1].uri`; empty for the document itself.
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Collects problems across one read. Not shared between threads: one read, one list.
public final class ProblemList {
    public private(set) var problems: [ValidationProblem] = []

    public init() {}

    public func add(_ path: String, _ message: String) {
        problems.append(ValidationProblem(path: path, message: message))
    }

    public var isEmpty: Bool { problems.isEmpty }
}

/// Joins a path and a key the way the messages show them.
func jsonPath(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

/// Reads one JSON value at a known path, recording a problem instead of throwing when it has the wrong type.
public struct JSONElementReader {
    public let value: JSONValue
    public let path: String
    public let problems: ProblemList

    public init(value: JSONValue, path: String, problems: ProblemList) {
        self.value = value
        self.path = path
        self.problems = problems
    }

    private func wrongType(_ expected: String) {
        problems.add(path, "expected \(expected), found \(value.typeName)")
    }

    public var string: String? {
        if case .string(let s) = value { return s }
        wrongType("a string")
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = value { return b }
        wrongType("true or false")
        return nil
    }

    public var int: Int? {
        if case .number(let n) = value {
            if let i = Int(n) { return i }
            problems.add(path, "expected a whole number, found \(n)")
            return nil
        }
        wrongType("a whole number")
        return nil
    }

    public var double: Double? {
        if case .number(let n) = value, let d = Double(n) { return d }
        wrongType("a number")
        return nil
    }

    /// Reads an object: `build` asks for its keys, and keys it did not ask for are reported as unknown.
    public func object<T>(_ build: (JSONObjectReader) -> T) -> T? {
        guard case .object(let o) = value else {
            wrongType("an object")
            return nil
        }
        let reader = JSONObjectReader(o, path: path, problems: problems)
        let result = build(reader)
        reader.finish()
        return result
    }

    /// Reads an array, element by element; elements whose `build` returns nil are left out.
    public func array<T>(_ build: (JSONElementReader) -> T?) -> [T]? {
        guard case .array(let items) = value else {
            wrongType("an array")
            return nil
        }
        return items.enumerated().compactMap { i, item in
            build(JSONElementReader(value: item, path: "\(path)[\(i)]", problems: problems))
        }
    }
}

/// Reads the members of one JSON object. Each accessor marks its key as known; `finish()` reports the rest.
public final class JSONObjectReader {
    public let object: JSONObject
    public let path: String
    public let problems: ProblemList
    private var known: Set<String> = []

    public init(_ object: JSONObject, path: String = "", problems: ProblemList) {
        self.object = object
        self.path = path
        self.problems = problems
    }

    /// The reader for `key`, or nil when the key is absent (or null, which means the same here).
    public func element(_ key: String) -> JSONElementReader? {
        known.insert(key)
        guard let value = object[key], value != .null else { return nil }
        return JSONElementReader(value: value, path: jsonPath(path, key), problems: problems)
    }

    /// Records a problem about `key` (a semantic check after reading, such as a range).
    public func problem(_ key: String, _ message: String) {
        problems.add(jsonPath(path, key), message)
    }

    /// Records that a required key is missing, and returns nil for convenient use in `??` chains.
    private func missing<T>(_ key: String) -> T? {
        problems.add(jsonPath(path, key), "is required")
        return nil
    }

    public func has(_ key: String) -> Bool {
        known.insert(key)
        return object[key] != nil && object[key] != .null
    }

    public func string(_ key: String) -> String? { element(key)?.string }
    public func requiredString(_ key: String) -> String? {
        guard let e = element(key) else { return missing(key) }
        return e.string
    }
    public func string(_ key: String, default value: String) -> String { string(key) ?? value }

    public func bool(_ key: String) -> Bool? { element(key)?.bool }
    public func bool(_ key: String, default value: Bool) -> Bool { bool(key) ?? value }

    public func int(_ key: String) -> Int? { element(key)?.int }
    public func requiredInt(_ key: String) -> Int? {
        guard let e = element(key) else { return missing(key) }
        return e.int
    }

    /// An integer that must lie in `range`; outside it, a problem naming the range and the default.
    public func int(_ key: String, default value: Int, in range: ClosedRange<Int>) -> Int {
        guard let v = int(key) else { return value }
        guard range.contains(v) else {
            problem(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(v)")
            return value
        }
        return v
    }

    public func double(_ key: String) -> Double? { element(key)?.double }
    public func double(_ key: String, default value: Double) -> Double { double(key) ?? value }

    public func stringArray(_ key: String) -> [String]? { element(key)?.array { $0.string } }

    public func object<T>(_ key: String, _ build: (JSONObjectReader) -> T) -> T? {
        element(key)?.object(build)
    }

    public func requiredObject<T>(_ key: String, _ build: (JSONObjectReader) -> T) -> T? {
        guard let e = element(key) else { return missing(key) }
        return e.object(build)
    }

    public func array<T>(_ key: String, _ build: (JSONElementReader) -> T?) -> [T]? {
        element(key)?.array(build)
    }

    /// A string that must be one of `choices`.
    public func choice(_ key: String, _ choices: [String], default value: String) -> String {
        guard let s = string(key) else { return value }
        guard choices.contains(s) else {
            problem(key, "must be one of \(choices.joined(separator: ", ")), found \"\(s)\"")
            return value
        }
        return s
    }

    /// Reports every key that no accessor asked for.
    public func finish() {
        for key in object.keys where !known.contains(key) {
            problems.add(jsonPath(path, key), "unknown key")
        }
    }
}
