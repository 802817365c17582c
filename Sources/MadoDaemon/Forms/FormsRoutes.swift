// SPDX-License-Identifier: Apache-2.0
// The counter's form routes: the life events and their questions, a plan for an interview, the filled
// forms as a PDF, printing them, and where every print job stands. Counter PCs use them with a token.
import Foundation
import MadoCore
import MadoRender
import MadoServer

/// GET /v1/life-events, POST /v1/interviews/plan, POST /v1/forms/render, POST /v1/forms/print,
/// GET /v1/print-jobs[?bundle=], GET /v1/print-jobs/{id}.
enum FormsRoutes {
    static let counterAccess = RouteAccess.token(role: "counter")

    static func routes(_ context: DaemonContext) -> [Route] {
        [
            Route("GET", "/v1/life-events", access: counterAccess) { request, _ in
                try QueueRoutes.onlyQueryKeys([], in: request)
                return QueueRoutes.json(try service(context).events())
            },
            Route("POST", "/v1/interviews/plan", access: counterAccess) { request, _ in
                QueueRoutes.json(try service(context).plan(try request.jsonObject()).json)
            },
            Route("POST", "/v1/forms/render", access: counterAccess) { request, _ in
                let rendered = try await service(context).render(try request.jsonObject())
                return HTTPResponse(
                    status: 200,
                    headers: [
                        ("Content-Type", "application/pdf"), ("X-Mado-Pages", String(rendered.pageCount)),
                        ("Content-Disposition", "inline; filename=\"forms.pdf\""),
                    ],
                    body: .bytes(rendered.pdf))
            },
            Route("POST", "/v1/forms/print", access: counterAccess) { request, _ in
                QueueRoutes.json(try await service(context).print(try request.jsonObject()), status: 202)
            },
            Route("GET", "/v1/print-jobs", access: counterAccess) { request, _ in
                try QueueRoutes.onlyQueryKeys(["bundle"], in: request)
                return QueueRoutes.json(try await service(context).jobs(bundleID: request.query["bundle"]))
            },
            Route("GET", "/v1/print-jobs/{id}", access: counterAccess) { _, parameters in
                let id = parameters["id"]
                let all = try await service(context).jobs(bundleID: nil)
                guard case .object(let object) = all, case .array(let jobs)? = object["jobs"],
                    let job = jobs.first(where: { job in
                        if case .object(let o) = job, case .string(let jobID)? = o["id"] { return jobID == id }
                        return false
                    })
                else { throw APIError.notFound("there is no print job \"\(id)\"") }
                return QueueRoutes.json(job)
            },
        ]
    }

    private static func service(_ context: DaemonContext) throws(APIError) -> FormsService {
        guard let forms = context.forms else {
            throw APIError.unavailable(
                "forms are not configured: add a \"forms\" section (city, printers) to the config and reload")
        }
        return forms
    }
}
