// SPDX-License-Identifier: Apache-2.0
// One HTTP request as the router sees it, after the body has been read in full.
public import Foundation
public import MadoCore

/// Which listener a request arrived on: the admin Unix socket serves everything, the LAN listener only
/// public and token-protected routes.
public enum ListenerKind: String, Sendable, Codable {
    case admin
    case lan
}

/// An HTTP request with its body.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The path without the query string, percent-decoded by the server.
    public let path: String
    public let query: [String: String]
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: Data
    public let listener: ListenerKind

    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        body: Data = Data(), listener: ListenerKind = .admin
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.listener = listener
    }

    /// The id in a `Last-Event-ID` header: where a reconnecting event stream left off.
    public var lastEventID: UInt64? { headers["last-event-id"].flatMap { UInt64($0) } }

    /// The bearer token of an `Authorization: Bearer …` header.
    public var bearerToken: String? {
        guard let value = headers["authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The body parsed as a JSON object; an empty body counts as `{}` so that `POST …/call` needs no body.
    public func jsonObject() throws(APIError) -> JSONObject {
        if body.isEmpty || body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return JSONObject()
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw APIError.badRequest(
                code: "invalid_json",
                message:
                    "request body is not valid JSON: \(error.message) at line \(error.line), column \(error.column) (byte \(error.offset))"
            )
        }
        guard case .object(let object) = value else {
            throw APIError.badRequest(
                code: "invalid_body", message: "request body must be a JSON object, found \(value.typeName)")
        }
        return object
    }

    /// Reads the JSON body strictly: every problem (unknown key, wrong type, missing field) becomes one
    /// 400 answer that names the first problem's field and lists them all.
    public func decodeBody<T>(_ build: (JSONObjectReader) -> T?) throws(APIError) -> T {
        let object = try jsonObject()
        let problems = ProblemList()
        let reader = JSONObjectReader(object, problems: problems)
        let value = build(reader)
        reader.finish()
        if let first = problems.problems.first {
            throw APIError(
                status: 400, code: "invalid_field",
                message: problems.problems.map(\.description).joined(separator: "; "), field: first.path)
        }
        guard let value else {
            throw APIError.badRequest(code: "invalid_body", message: "request body could not be read")
        }
        return value
    }
}
