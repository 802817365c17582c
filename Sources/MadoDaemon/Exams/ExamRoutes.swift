// SPDX-License-Identifier: Apache-2.0
// The exam routes: definitions in, printable answer sheets and layouts out, and scans read back
// without storing anything (for checking a scanner or a layout). Teachers' PCs use them with a token.
import Foundation
import MadoCore
import MadoServer

/// POST/GET /v1/exams, GET/DELETE /v1/exams/{id}, GET /v1/exams/{id}/layout.json and sheets.pdf,
/// POST /v1/exams/{id}/read; POST/GET /v1/layouts and POST /v1/layouts/{id}/read.
enum ExamRoutes {
    static let teacherAccess = RouteAccess.token(role: "teacher")
    /// More copies than a school prints for one exam is a typo, and each page costs rendering time.
    static let maximumCopies = 1000

    static func routes(_ context: DaemonContext) -> [Route] {
        let service = ExamService(database: context.database)
        return [
            Route("POST", "/v1/exams", access: teacherAccess) { request, _ in
                let body = try request.jsonObject()
                return QueueRoutes.json(try await service.add(.object(body)), status: 201)
            },
            Route("GET", "/v1/exams", access: teacherAccess) { request, _ in
                try QueueRoutes.onlyQueryKeys([], in: request)
                return QueueRoutes.json(try await service.list())
            },
            Route("GET", "/v1/exams/{id}", access: teacherAccess) { _, parameters in
                QueueRoutes.json(ExamDefinitionWriter.json(try await service.exam(parameters["id"])))
            },
            Route("DELETE", "/v1/exams/{id}", access: teacherAccess) { _, parameters in
                try await service.remove(parameters["id"])
                return HTTPResponse(status: 204)
            },
            Route("GET", "/v1/exams/{id}/layout.json", access: teacherAccess) { request, parameters in
                try QueueRoutes.onlyQueryKeys([], in: request)
                return QueueRoutes.json(try await service.layoutJSON(parameters["id"]))
            },
            Route("GET", "/v1/exams/{id}/sheets.pdf", access: teacherAccess) { request, parameters in
                try QueueRoutes.onlyQueryKeys(["copies", "students"], in: request)
                let copies = try copiesParameter(request)
                let students = request.query["students"].map { $0.split(separator: ",").map(String.init) } ?? []
                let pdf = try await service.sheets(parameters["id"], copies: copies, studentNumbers: students)
                return .bytes(pdf, contentType: "application/pdf")
            },
            Route("POST", "/v1/exams/{id}/read", access: teacherAccess) { request, parameters in
                try QueueRoutes.onlyQueryKeys(["name"], in: request)
                try requireBody(request)
                return QueueRoutes.json(
                    try await service.read(examID: parameters["id"], scan: request.body, name: request.query["name"]))
            },
            Route("POST", "/v1/layouts", access: teacherAccess) { request, _ in
                QueueRoutes.json(try await service.addLayout(try request.jsonObject()), status: 201)
            },
            Route("GET", "/v1/layouts", access: teacherAccess) { request, _ in
                try QueueRoutes.onlyQueryKeys([], in: request)
                return QueueRoutes.json(try await service.layouts())
            },
            Route("POST", "/v1/layouts/{id}/read", access: teacherAccess) { request, parameters in
                try QueueRoutes.onlyQueryKeys(["name"], in: request)
                try requireBody(request)
                return QueueRoutes.json(
                    try await service.readWithLayout(parameters["id"], scan: request.body, name: request.query["name"]))
            },
        ]
    }

    private static func copiesParameter(_ request: HTTPRequest) throws(APIError) -> Int {
        guard let text = request.query["copies"] else { return 1 }
        guard let copies = Int(text), (1...maximumCopies).contains(copies) else {
            throw APIError.badRequest(
                code: "invalid_field", message: "copies must be a whole number from 1 to \(maximumCopies)",
                field: "copies")
        }
        return copies
    }

    private static func requireBody(_ request: HTTPRequest) throws(APIError) {
        if request.body.isEmpty {
            throw APIError.badRequest(
                code: "invalid_field",
                message: "send the scanned file (PNG, JPEG, TIFF, PNM or PDF) as the request body", field: "body")
        }
    }
}
