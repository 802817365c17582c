// SPDX-License-Identifier: Apache-2.0
// The interview file the `forms` commands send: `{"event": "...", "answers": {...}}` as the samples in
// config/examples are written, or bare answers with the event given by `--event`.
internal import Foundation
internal import MadoCore

/// An interview read from a local file, ready to post.
struct InterviewFile {
    let event: String
    let answers: JSONValue

    /// Reads `path`. `event` (from `--event`) is needed when the file does not name one, and must agree
    /// with it when it does.
    static func read(_ path: String, event: String?, command: String) throws(CLIError) -> InterviewFile {
        let value = try LocalFile.json(path, what: "the interview answers")
        guard case .object(let object) = value else {
            throw .badInputFile("\(path) must hold a JSON object (the answers, or {\"event\", \"answers\"})")
        }
        let keys = Set(object.keys)
        if keys.contains("answers") {
            guard keys.isSubset(of: ["event", "answers"]) else {
                let extra = keys.subtracting(["event", "answers"]).sorted().joined(separator: ", ")
                throw .badInputFile("\(path): unexpected key(s) \(extra) beside \"event\" and \"answers\"")
            }
            var named: String?
            if let value = object["event"] {
                guard case .string(let text) = value else {
                    throw .badInputFile("\(path): \"event\" must be a string such as \"move-in\"")
                }
                named = text
            }
            if let named, let event, named != event {
                throw .usage(
                    "'--event \(event)' disagrees with the event \"\(named)\" named in \(path)", command: command)
            }
            guard let chosen = event ?? named else {
                throw .usage(
                    "\(path) names no event: add '--event <event>' (see 'madoctl forms events')", command: command)
            }
            return InterviewFile(event: chosen, answers: object["answers"]!)
        }
        guard let event else {
            throw .usage("\(path) names no event: add '--event <event>' (see 'madoctl forms events')", command: command)
        }
        return InterviewFile(event: event, answers: value)
    }

    /// The request body: the interview, plus extra members such as the printer.
    func body(_ extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(JSONObject([("event", .string(event)), ("answers", answers)] + extra))
    }
}

/// Reading local files named on the command line, with errors that name the file.
enum LocalFile {
    static func data(_ path: String, what: String) throws(CLIError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .badInputFile("cannot read \(what) from \(path): \(error.localizedDescription)")
        }
    }

    static func json(_ path: String, what: String) throws(CLIError) -> JSONValue {
        let bytes = try data(path, what: what)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .badInputFile("\(path) is not valid JSON: \(error)")
        }
    }

    /// Writes `data` atomically to `path`.
    static func write(_ data: Data, to path: String, what: String) throws(CLIError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite("cannot write \(what) to \(path): \(error.localizedDescription)")
        }
    }
}
