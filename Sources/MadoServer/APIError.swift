// SPDX-License-Identifier: Apache-2.0
// The one error shape every route answers with: {"error":{"code","message","field"}} and a 4xx status.
import Foundation

/// An error answer. Messages are for technicians and clients; they never carry residents' or students' data.
public struct APIError: Error, Sendable, Equatable {
    public let status: Int
    public let code: String
    public let message: String
    public let field: String?
    /// Extra headers, such as `Allow` on a 405.
    public let headers: [String: String]

    public init(status: Int, code: String, message: String, field: String? = nil, headers: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public static func badRequest(code: String = "bad_request", message: String, field: String? = nil) -> APIError {
        APIError(status: 400, code: code, message: message, field: field)
    }

    public static func notFound(_ message: String = "no such resource") -> APIError {
        APIError(status: 404, code: "not_found", message: message)
    }

    public static func conflict(_ message: String, field: String? = nil) -> APIError {
        APIError(status: 409, code: "conflict", message: message, field: field)
    }

    public static func methodNotAllowed(_ method: String, path: String, allowed: [String]) -> APIError {
        APIError(
            status: 405, code: "method_not_allowed",
            message: "\(method) is not allowed on \(path); use \(allowed.joined(separator: ", "))",
            headers: ["Allow": allowed.joined(separator: ", ")])
    }

    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(
            status: 413, code: "payload_too_large",
            message: "request body is larger than the limit of \(limit) bytes")
    }

    public static let unauthorized = APIError(
        status: 401, code: "unauthorized", message: "this route needs an Authorization: Bearer token from the config",
        headers: ["WWW-Authenticate": "Bearer"])

    public static func forbidden(_ message: String) -> APIError {
        APIError(status: 403, code: "forbidden", message: message)
    }

    /// A bug: the client learns nothing but that it was not its fault.
    public static let internalError = APIError(
        status: 500, code: "internal_error", message: "internal error; see the madod log")

    public static func unavailable(_ message: String) -> APIError {
        APIError(status: 503, code: "unavailable", message: message)
    }

    private struct Envelope: Encodable {
        struct Body: Encodable {
            let code: String
            let message: String
            let field: String?

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(code, forKey: .code)
                try c.encode(message, forKey: .message)
                try c.encode(field, forKey: .field)  // explicit null: clients may rely on the key
            }

            enum CodingKeys: String, CodingKey { case code, message, field }
        }
        let error: Body
    }

    public var response: HTTPResponse {
        let data =
            (try? HTTPResponse.makeEncoder().encode(Envelope(error: .init(code: code, message: message, field: field))))
            ?? Data(#"{"error":{"code":"internal_error","message":"internal error","field":null}}"#.utf8)
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        for (name, value) in self.headers.sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }
        return HTTPResponse(status: status, headers: headers, body: .bytes(data))
    }
}
