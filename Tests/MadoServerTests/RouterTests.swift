// SPDX-License-Identifier: Apache-2.0
// The router's answers: missing routes, wrong methods, who may call what on which listener, and
// the JSON error shape every client relies on.
import Foundation
import MadoCore
import MadoServer
import MadoTestThreads
import Testing

struct FixedTokens: TokenAuthority {
    let table: [String: Set<String>]
    func roles(of token: String) -> Set<String>? { table[token] }
}

struct Boom: Error {}

func errorBody(_ response: HTTPResponse) throws -> [String: Any] {
    let data = try #require(response.bodyData)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["error"] as? [String: Any])
}

@Suite(.ownThread) struct RouterTests {
    let router = Router(
        routes: [
            Route("GET", "/v1/status") { _, _ in .text("status") },
            Route("POST", "/v1/tickets", access: .token(role: "kiosk")) { _, _ in .text("issued", status: 201) },
            Route("GET", "/v1/tickets/{id}", access: .token(roles: ["counter", "kiosk"])) { _, p in .text(p["id"]) },
            Route("GET", "/t/{token}", access: .open) { _, p in .text("ticket \(p["token"])") },
            Route("GET", "/v1/broken") { _, _ in throw Boom() },
            Route("POST", "/v1/echo") { request, _ in
                let name: String = try request.decodeBody { $0.requiredString("name") }
                return .text(name)
            },
        ],
        tokens: FixedTokens(table: ["kiosk-token-123456": ["kiosk"], "counter-token-12345": ["counter"]]))

    @Test func unknownPathIs404WithTheErrorShape() async throws {
        let response = await router.respond(to: HTTPRequest(method: "GET", path: "/v1/nothing"))
        #expect(response.status == 404)
        let error = try errorBody(response)
        #expect(error["code"] as? String == "not_found")
        #expect(error["message"] as? String == "no route for /v1/nothing")
        #expect(error["field"] is NSNull)
    }

    @Test func wrongMethodIs405NamingTheAllowedOnes() async throws {
        let response = await router.respond(to: HTTPRequest(method: "DELETE", path: "/v1/status"))
        #expect(response.status == 405)
        #expect(response.headers.contains { $0.name == "Allow" && $0.value == "GET" })
        #expect(try errorBody(response)["message"] as? String == "DELETE is not allowed on /v1/status; use GET")
    }

    @Test func adminRoutesAreInvisibleOnTheLAN() async throws {
        let response = await router.respond(to: HTTPRequest(method: "GET", path: "/v1/status", listener: .lan))
        #expect(response.status == 404)
        let admin = await router.respond(to: HTTPRequest(method: "GET", path: "/v1/status", listener: .admin))
        #expect(admin.status == 200)
    }

    @Test(
        arguments: [
            (nil, 401), ("Bearer wrong-token-000000", 401), ("Bearer counter-token-12345", 403),
            ("Bearer kiosk-token-123456", 201), ("Basic a2lvc2s=", 401),
        ] as [(String?, Int)])
    func tokenRoutesOnTheLAN(authorization: String?, status: Int) async {
        let headers = authorization.map { ["authorization": $0] } ?? [:]
        let response = await router.respond(
            to: HTTPRequest(method: "POST", path: "/v1/tickets", headers: headers, listener: .lan))
        #expect(response.status == status)
    }

    @Test func aRouteMayAcceptSeveralRoles() async {
        for token in ["kiosk-token-123456", "counter-token-12345"] {
            let response = await router.respond(
                to: HTTPRequest(
                    method: "GET", path: "/v1/tickets/A-001", headers: ["authorization": "Bearer \(token)"],
                    listener: .lan))
            #expect(response.status == 200)
            #expect(response.bodyData == Data("A-001".utf8))
        }
    }

    @Test func openRoutesNeedNoToken() async {
        let response = await router.respond(to: HTTPRequest(method: "GET", path: "/t/abc", listener: .lan))
        #expect(response.status == 200)
    }

    @Test func anUnexpectedErrorIsA500WithoutDetails() async throws {
        let response = await router.respond(to: HTTPRequest(method: "GET", path: "/v1/broken"))
        #expect(response.status == 500)
        #expect(try errorBody(response)["message"] as? String == "internal error; see the madod log")
    }

    @Test func malformedJSONIs400NamingThePosition() async throws {
        let body = Data("{\n  \"name\": \"x\",\n  oops\n}".utf8)
        let response = await router.respond(to: HTTPRequest(method: "POST", path: "/v1/echo", body: body))
        #expect(response.status == 400)
        let error = try errorBody(response)
        #expect(error["code"] as? String == "invalid_json")
        #expect((error["message"] as? String)?.contains("line 3, column 3") == true)
    }

    @Test func bodyProblemsName400TheField() async throws {
        let response = await router.respond(
            to: HTTPRequest(method: "POST", path: "/v1/echo", body: Data(#"{"name": 5, "extra": true}"#.utf8)))
        #expect(response.status == 400)
        let error = try errorBody(response)
        #expect(error["field"] as? String == "name")
        #expect(error["message"] as? String == "name: expected a string, found a number; extra: unknown key")
    }

    @Test func anEmptyBodyCountsAsAnEmptyObject() async throws {
        let response = await router.respond(to: HTTPRequest(method: "POST", path: "/v1/echo"))
        #expect(response.status == 400)
        #expect(try errorBody(response)["message"] as? String == "name: is required")
    }
}
