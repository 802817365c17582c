// SPDX-License-Identifier: Apache-2.0
// Reading madod's JSON answers into the CLI's views of them. Unlike config files, answers are read
// leniently: keys the CLI does not know are ignored so that an older madoctl keeps working against a
// newer madod, but a missing or mistyped field the CLI needs is reported with its JSON path.
internal import Foundation
internal import MadoCore

/// Decodes one answer body with a builder that reads the fields it needs.
enum AnswerReader {
    static func read<T>(_ body: Data, from request: String, _ build: (JSONElementReader) -> T?) throws(CLIError) -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw .invalidResponse("madod's answer to \(request) is not JSON (\(error))")
        }
        let problems = ProblemList()
        let result = build(JSONElementReader(value: value, path: "", problems: problems))
        if let first = problems.problems.first {
            throw .invalidResponse(
                "madod's answer to \(request) does not have the expected shape (\(first)); "
                    + "are madoctl and madod the same version?")
        }
        guard let result else { throw .invalidResponse("madod's answer to \(request) could not be read") }
        return result
    }
}

extension JSONElementReader {
    /// Like `object(_:)`, but keys the builder does not ask for are ignored rather than reported.
    func lenientObject<T>(_ build: (JSONObjectReader) -> T?) -> T? {
        guard case .object(let object) = value else {
            problems.add(path, "expected an object, found \(value.typeName)")
            return nil
        }
        return build(JSONObjectReader(object, path: path, problems: problems))
    }

    /// A number or string shown as text (e.g. a file mode that may arrive as "0700" or 448).
    var text: String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        default:
            problems.add(path, "expected a string or number, found \(value.typeName)")
            return nil
        }
    }
}

extension JSONObjectReader {
    func lenientObject<T>(_ key: String, _ build: (JSONObjectReader) -> T?) -> T? {
        element(key)?.lenientObject(build)
    }

    func requiredLenientObject<T>(_ key: String, _ build: (JSONObjectReader) -> T?) -> T? {
        guard let element = element(key) else {
            problem(key, "is required")
            return nil
        }
        return element.lenientObject(build)
    }

    func lenientArray<T>(_ key: String, _ build: (JSONObjectReader) -> T?) -> [T]? {
        element(key)?.array { $0.lenientObject(build) }
    }
}
