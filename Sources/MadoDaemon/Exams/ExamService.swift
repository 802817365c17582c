// SPDX-License-Identifier: Apache-2.0
// Exams and foreign sheet layouts: accepted once (validated, laid out, stored), then used to print
// answer sheets and to read scans. Reading stores nothing; it is for checking a scan or a layout.
import Foundation
import MadoCore
import MadoImaging
import MadoRender
import MadoServer
import MadoStore

/// The exams madod knows, backed by the store. Reads go to the store each time: exams change rarely and
/// a few rows cost less than keeping a cache coherent.
final class ExamService: Sendable {
    let database: Database

    init(database: Database) {
        self.database = database
    }

    // MARK: - Exams

    /// Validates, lays out and stores an exam definition; answers its summary.
    func add(_ definition: JSONValue) async throws -> JSONValue {
        let exam: ExamDefinition
        switch ExamDefinitionReader.read(definition) {
        case .success(let read): exam = read
        case .failure(let problems): throw Self.invalid(problems.problems, what: "exam definition")
        }
        let layouts = try Self.layouts(of: exam)
        let document = StoredDocument(id: exam.id, json: ExamDefinitionWriter.text(exam), updatedAt: Date())
        let replaced = try await database.write { connection in
            try ExamTable.store(document, kind: .exam, connection: connection)
        }
        return Self.summary(exam, layouts: layouts, replaced: replaced)
    }

    func list() async throws -> JSONValue {
        let documents = try await database.read { connection in try ExamTable.all(kind: .exam, connection: connection) }
        let exams = documents.compactMap { try? Self.decode($0) }
        return .object(
            JSONObject([
                (
                    "exams",
                    .array(exams.map { Self.summary($0, layouts: (try? Self.layouts(of: $0)) ?? [], replaced: nil) })
                )
            ]))
    }

    func exam(_ id: String) async throws -> ExamDefinition {
        let document = try await database.read { connection in
            try ExamTable.load(id, kind: .exam, connection: connection)
        }
        guard let document else { throw APIError.notFound("there is no exam \"\(id)\"; add it with POST /v1/exams") }
        return try Self.decode(document)
    }

    func remove(_ id: String) async throws {
        let existed = try await database.write { connection in
            try ExamTable.delete(id, kind: .exam, connection: connection)
        }
        if !existed { throw APIError.notFound("there is no exam \"\(id)\"") }
    }

    /// Every page's layout, in mm from the page's top-left corner.
    func layoutJSON(_ id: String) async throws -> JSONValue {
        let exam = try await exam(id)
        let layouts = try Self.layouts(of: exam)
        return .object(
            JSONObject([
                ("exam", .string(exam.id)), ("units", .string("mm")),
                ("pages", .array(layouts.map(SheetLayoutWriter.json))),
            ]))
    }

    /// The answer sheets as one PDF: `copies` blank sets, or one set per pre-printed student number.
    func sheets(_ id: String, copies: Int, studentNumbers: [String]) async throws -> Data {
        let exam = try await exam(id)
        for (i, number) in studentNumbers.enumerated()
        where number.count != exam.studentNumberDigits || !number.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw APIError.badRequest(
                code: "invalid_field",
                message: "student number \(i + 1) must be \(exam.studentNumberDigits) digits", field: "students")
        }
        let layouts = try Self.layouts(of: exam)
        return try await runBlocking {
            do throws(RenderError) {
                return try SheetRenderer.pdf(
                    exam: exam, layouts: layouts, copies: copies,
                    studentNumbers: studentNumbers.isEmpty ? nil : studentNumbers)
            } catch {
                // The exam and the numbers were checked above; what is left is cairo or a font failing.
                throw APIError(status: 422, code: "cannot_render_sheets", message: "\(error)")
            }
        }
    }

    /// Reads every page of a scanned file against an exam's sheets; the QR code says which page it is.
    func read(examID: String, scan: Data, name: String?) async throws -> JSONValue {
        let exam = try await exam(examID)
        let layouts = try Self.layouts(of: exam)
        return try await runBlocking {
            try ScanReading.read(scan, name: name) { image throws(ScanReading.PageFailure) in
                try ScanReading.identify(image, exam: exam, layouts: layouts)
            }
        }
    }

    // MARK: - Foreign layouts

    func addLayout(_ body: JSONObject) async throws -> JSONValue {
        let problems = ProblemList()
        let reader = JSONObjectReader(body, problems: problems)
        let id = reader.requiredString("id")
        let layoutValue = reader.element("layout")?.value
        if layoutValue == nil { reader.problem("layout", "is required") }
        reader.finish()
        if let id, !Self.isIdentifier(id) {
            problems.add("id", "use 1–40 ASCII letters, digits, '.', '_' or '-'")
        }
        guard problems.isEmpty, let id, let layoutValue else { throw Self.invalid(problems.problems, what: "layout") }
        let layout: SheetLayout
        switch SheetLayoutReader.read(layoutValue) {
        case .success(let read): layout = read
        case .failure(let failure):
            throw Self.invalid(
                failure.problems.map { ValidationProblem(path: jsonPathJoin("layout", $0.path), message: $0.message) },
                what: "layout")
        }
        let document = StoredDocument(id: id, json: SheetLayoutWriter.text(layout), updatedAt: Date())
        let replaced = try await database.write { connection in
            try ExamTable.store(document, kind: .layout, connection: connection)
        }
        return .object(
            JSONObject([
                ("id", .string(id)), ("fields", .number(String(layout.fields.count))), ("replaced", .bool(replaced)),
            ]))
    }

    func layouts() async throws -> JSONValue {
        let documents = try await database.read { connection in
            try ExamTable.all(kind: .layout, connection: connection)
        }
        return .object(
            JSONObject([
                (
                    "layouts",
                    .array(
                        documents.map { document in
                            .object(
                                JSONObject([
                                    ("id", .string(document.id)),
                                    ("layout", (try? JSONParser.parse(document.json)) ?? .null),
                                ]))
                        })
                )
            ]))
    }

    func readWithLayout(_ id: String, scan: Data, name: String?) async throws -> JSONValue {
        let document = try await database.read { connection in
            try ExamTable.load(id, kind: .layout, connection: connection)
        }
        guard let document else {
            throw APIError.notFound("there is no sheet layout \"\(id)\"; add it with POST /v1/layouts")
        }
        guard case .success(let layout) = SheetLayoutReader.read(text: document.json) else {
            throw APIError.conflict("the stored layout \"\(id)\" no longer reads; add it again")
        }
        return try await runBlocking {
            try ScanReading.read(scan, name: name) { _ throws(ScanReading.PageFailure) in
                ScanReading.Target(layout: layout, qr: nil)
            }
        }
    }

    // MARK: - Helpers

    static func layouts(of exam: ExamDefinition) throws -> [SheetLayout] {
        do {
            return try SheetLayoutPlanner.layout(for: exam)
        } catch {
            throw APIError(
                status: 422, code: "exam_does_not_fit", message: "the exam cannot be laid out: \(error.message)")
        }
    }

    private static func decode(_ document: StoredDocument) throws -> ExamDefinition {
        switch ExamDefinitionReader.read(text: document.json) {
        case .success(let exam): return exam
        case .failure:
            throw APIError.conflict("the stored exam \"\(document.id)\" no longer reads; add it again")
        }
    }

    private static func summary(_ exam: ExamDefinition, layouts: [SheetLayout], replaced: Bool?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(exam.id)), ("title", .string(exam.title)),
            ("questions", .number(String(exam.questions.count))), ("pages", .number(String(layouts.count))),
            ("layoutVersion", .number(String(layouts.first?.layoutVersion ?? 0))),
        ]
        if let replaced { members.append(("replaced", .bool(replaced))) }
        return .object(JSONObject(members))
    }

    /// A 422 naming the first problem's field and listing all of them.
    static func invalid(_ problems: [ValidationProblem], what: String) -> APIError {
        let listed = problems.prefix(10).map(\.description).joined(separator: "; ")
        let more = problems.count > 10 ? " (and \(problems.count - 10) more)" : ""
        return APIError(
            status: 422, code: "invalid_\(what.replacingOccurrences(of: " ", with: "_"))",
            message: "the \(what) is not valid: \(listed)\(more)", field: problems.first?.path)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        (1...40).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }
}

private func jsonPathJoin(_ base: String, _ path: String) -> String {
    path.isEmpty ? base : path.hasPrefix("[") ? base + path : "\(base).\(path)"
}
