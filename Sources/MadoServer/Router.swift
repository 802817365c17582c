// SPDX-License-Identifier: Apache-2.0
// One router for both listeners: it matches method and path, enforces who may call a route on which
// listener, and turns every thrown error into the JSON error shape.
import Foundation

/// Who may call a route.
public enum RouteAccess: Sendable, Equatable {
    /// Only on the admin Unix socket (technicians).
    case adminOnly
    /// On both listeners without credentials: display pages, ticket status pages.
    case open
    /// On the admin socket, and on the LAN with a bearer token that has one of these roles (kiosk, counter…).
    case token(roles: Set<String>)

    /// On the LAN with a token of exactly this role.
    public static func token(role: String) -> RouteAccess { .token(roles: [role]) }
}

/// Path parameters captured from `{name}` segments.
public struct RouteParameters: Sendable {
    public let values: [String: String]

    public subscript(_ name: String) -> String {
        // Routes only ask for names their own pattern declares, so a miss is a programming error.
        guard let value = values[name] else { preconditionFailure("route has no parameter \(name)") }
        return value
    }
}

public typealias RouteHandler = @Sendable (HTTPRequest, RouteParameters) async throws -> HTTPResponse

/// A method, a path pattern such as `/v1/tickets/{id}/recall`, who may call it, and its handler.
public struct Route: Sendable {
    public let method: String
    public let pattern: String
    public let access: RouteAccess
    public let handler: RouteHandler
    let segments: [Substring]

    public init(_ method: String, _ pattern: String, access: RouteAccess = .adminOnly, handler: @escaping RouteHandler)
    {
        self.method = method
        self.pattern = pattern
        self.access = access
        self.handler = handler
        self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (pattern, actual) in zip(segments, pathSegments) {
            if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                values[String(pattern.dropFirst().dropLast())] = String(actual)
            } else if pattern != actual {
                return nil
            }
        }
        return values
    }
}

/// Decides whether a LAN caller's bearer token grants a role. Swapped on reload, so it is a protocol
/// the daemon implements over its current configuration.
public protocol TokenAuthority: Sendable {
    /// The roles of `token`, or nil when no such token is configured.
    func roles(of token: String) -> Set<String>?
}

/// Routes requests. Immutable after construction; a reload builds the same routes again.
public struct Router: Sendable {
    public let routes: [Route]
    public let tokens: any TokenAuthority
    /// Called for errors that are not `APIError` (a bug); the daemon logs them.
    public let onUnexpectedError: @Sendable (HTTPRequest, any Error) -> Void

    public init(
        routes: [Route], tokens: any TokenAuthority,
        onUnexpectedError: @escaping @Sendable (HTTPRequest, any Error) -> Void = { _, _ in }
    ) {
        self.routes = routes
        self.tokens = tokens
        self.onUnexpectedError = onUnexpectedError
    }

    /// Finds the route, checks access, runs it; never throws.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        do {
            let (route, parameters) = try resolve(request)
            try authorize(route, request)
            return try await route.handler(request, RouteParameters(values: parameters))
        } catch let error as APIError {
            return error.response
        } catch {
            onUnexpectedError(request, error)
            return APIError.internalError.response
        }
    }

    private func visible(_ route: Route, on listener: ListenerKind) -> Bool {
        listener == .admin || route.access != .adminOnly
    }

    func resolve(_ request: HTTPRequest) throws(APIError) -> (Route, [String: String]) {
        let pathSegments = request.path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: [String] = []
        for route in routes where visible(route, on: request.listener) {
            guard let values = route.match(pathSegments) else { continue }
            if route.method == request.method { return (route, values) }
            if route.method == "GET" && request.method == "HEAD" { return (route, values) }
            allowed.append(route.method)
        }
        if allowed.isEmpty { throw APIError.notFound("no route for \(request.path)") }
        throw APIError.methodNotAllowed(request.method, path: request.path, allowed: Array(Set(allowed)).sorted())
    }

    func authorize(_ route: Route, _ request: HTTPRequest) throws(APIError) {
        guard request.listener == .lan else { return }  // the admin socket checked the peer's credentials
        switch route.access {
        case .adminOnly:
            throw APIError.notFound("no route for \(request.path)")
        case .open:
            return
        case .token(let needed):
            guard let token = request.bearerToken else { throw APIError.unauthorized }
            guard let roles = tokens.roles(of: token) else { throw APIError.unauthorized }
            guard !roles.isDisjoint(with: needed) else {
                let names = needed.sorted().map { "\"\($0)\"" }.joined(separator: " or ")
                throw APIError.forbidden("this token does not have the role \(names) that \(request.path) needs")
            }
        }
    }
}
