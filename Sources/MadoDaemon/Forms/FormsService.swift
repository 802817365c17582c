// SPDX-License-Identifier: Apache-2.0
// The counter's forms: a life-event interview becomes a plan (procedures and why), the plan becomes
// filled forms (one PDF), and the forms go to a counter printer as durable jobs, one per form.
import Foundation
import MadoCore
import MadoDevices
import MadoRender
import MadoServer
import MadoStore
import MadoSystem

final class FormsService: Sendable {
    let configuration: FormsConfiguration
    let catalog: LifeEventCatalog
    let templates: FormTemplateCatalog
    /// One runner per counter printer, by the printer's configured id.
    let runners: [String: PrintJobRunner]
    private let timeZone: TimeZone
    private let log: Logger

    /// Loads the rules and templates (a broken file stops the start with its problems) and prepares a
    /// runner per printer; `start()` begins printing.
    init(
        configuration: FormsConfiguration, catalogs: FormsCatalogs, database: Database, stateDirectory: String,
        timeZone: TimeZone, broadcaster: EventBroadcaster, log: Logger
    ) {
        self.configuration = configuration
        self.catalog = catalogs.lifeEvents
        self.templates = catalogs.templates
        self.timeZone = timeZone
        self.log = log
        var runners: [String: PrintJobRunner] = [:]
        let printerIDs = Dictionary(uniqueKeysWithValues: configuration.printers.map { ($0.queue, $0.id) })
        for printer in configuration.printers {
            var settings = PrintJobSettings(
                printer: printer.queue, stateDirectory: stateDirectory,
                server: printer.server.flatMap { try? CUPSServerAddress(parsing: $0) }, duplex: printer.duplex)
            settings.retention = .seconds(configuration.retentionSeconds)
            runners[printer.id] = PrintJobRunner(database: database, settings: settings, logger: log) { job in
                broadcaster.publish(
                    "print-job.changed", json: QueueJSONWriter.string(Self.json(job, printerIDs: printerIDs)))
            }
        }
        self.runners = runners
    }

    func start() {
        for (id, runner) in runners.sorted(by: { $0.key < $1.key }) {
            do {
                try runner.start()
            } catch {
                log.error("counter printer \(id): cannot start printing: \(error.message)")
            }
        }
    }

    func shutdown() {
        for runner in runners.values { runner.shutdown() }
    }

    // MARK: - Interview

    func events() -> JSONValue {
        .object(
            JSONObject([
                (
                    "events",
                    .array(
                        catalog.events.map { event in
                            .object(
                                JSONObject([
                                    ("id", .string(event.id)), ("name", .string(event.name)),
                                    ("nameEn", .string(event.nameEn)),
                                    ("fields", .array(event.fields.map(Self.json(field:)))),
                                ]))
                        })
                )
            ]))
    }

    /// The plan for an interview body `{event, answers}`: procedures, or errors naming fields.
    func plan(_ body: JSONObject) throws(APIError) -> InterviewPlan {
        let (event, answers) = try Self.interview(body, allowing: [])
        guard let known = catalog.event(event) else {
            let ids = catalog.events.map(\.id).joined(separator: ", ")
            throw APIError.badRequest(
                code: "unknown_event", message: "unknown life event \"\(event)\" (known: \(ids))", field: "event")
        }
        return LifeEventPlanner.plan(eventID: known.id, answers: answers, catalog: catalog)
    }

    /// Every form of the plan, filled, with the resident's cover sheet first; refuses a plan with errors.
    func bundle(_ body: JSONObject, allowing extra: Set<String> = []) throws(APIError) -> FormBundle {
        let (event, answers) = try Self.interview(body, allowing: extra)
        let plan = try self.plan(.init([("event", .string(event)), ("answers", answers)]))
        if let first = plan.errors.first {
            let count = plan.errors.count
            throw APIError(
                status: 422, code: "invalid_answers",
                message: "\(count) answer\(count == 1 ? "" : "s") need\(count == 1 ? "s" : "") attention before "
                    + "forms can be filled (first: \(first.field): \(first.messageEn)); "
                    + "POST /v1/interviews/plan lists them all",
                field: "answers.\(first.field)")
        }
        do {
            return try FormBundle.filling(
                plan, catalog: templates, cityName: configuration.cityName, mayor: configuration.mayor,
                today: today())
        } catch {
            throw Self.unprintable(error)
        }
    }

    func render(_ body: JSONObject) async throws -> RenderedFormBundle {
        let bundle = try bundle(body)
        return try await runBlocking {
            do throws(FormFillError) {
                return try FormBundleRenderer.render(bundle)
            } catch {
                throw Self.unprintable(error)
            }
        }
    }

    /// Renders the cover sheet and each form as its own PDF and queues them on a counter printer.
    func print(_ body: JSONObject) async throws -> JSONValue {
        let printerID = try choosePrinter(body["printer"])
        guard let runner = runners[printerID] else { throw APIError.notFound("no counter printer \"\(printerID)\"") }
        let bundle = try bundle(body, allowing: ["printer"])
        let bundleID = Self.newBundleID()
        let forms: [PrintJobBundle.Form] = try await runBlocking {
            do throws(FormFillError) {
                return try Self.separateDocuments(bundle)
            } catch {
                throw Self.unprintable(error)
            }
        }
        let jobs: [PrintJobRecord]
        do {
            jobs = try await runner.submit(PrintJobBundle(bundleID: bundleID, forms: forms))
        } catch {
            throw APIError.unavailable("the forms could not be queued: \(error.message)")
        }
        log.info("bundle \(bundleID): \(jobs.count) forms queued on counter printer \(printerID)")
        return .object(
            JSONObject([
                ("bundle", .string(bundleID)), ("printer", .string(printerID)),
                ("jobs", .array(jobs.map { Self.json($0, printerIDs: [runner.settings.printer: printerID]) })),
            ]))
    }

    func jobs(bundleID: String?) async throws -> JSONValue {
        var all: [PrintJobRecord] = []
        for runner in runners.values {
            do {
                all += try await runner.jobs(bundleID: bundleID)
            } catch {
                throw APIError.unavailable("the print jobs cannot be read: \(error.message)")
            }
        }
        // Each runner lists its own printer's jobs; newest first across printers.
        let jobs = all.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        let printerIDs = Dictionary(uniqueKeysWithValues: configuration.printers.map { ($0.queue, $0.id) })
        return .object(JSONObject([("jobs", .array(jobs.map { Self.json($0, printerIDs: printerIDs) }))]))
    }

    // MARK: - Helpers

    private func choosePrinter(_ value: JSONValue?) throws(APIError) -> String {
        if let value {
            guard case .string(let id) = value else {
                throw APIError.badRequest(code: "invalid_field", message: "printer must be a string", field: "printer")
            }
            guard runners[id] != nil else {
                let known = configuration.printers.map(\.id).joined(separator: ", ")
                throw APIError.badRequest(
                    code: "unknown_printer", message: "no counter printer \"\(id)\" (configured: \(known))",
                    field: "printer")
            }
            return id
        }
        guard configuration.printers.count == 1, let only = configuration.printers.first else {
            if configuration.printers.isEmpty {
                throw APIError.unavailable("no counter printer is configured (forms.printers in the config)")
            }
            throw APIError.badRequest(
                code: "missing_field", message: "several counter printers are configured: name one", field: "printer")
        }
        return only.id
    }

    private func today() -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1) ?? CivilDate(
            iso: "2000-01-01")!
    }

    /// The cover sheet, then each form, as separate PDFs: a form that jams is reprinted alone.
    static func separateDocuments(_ bundle: FormBundle) throws(FormFillError) -> [PrintJobBundle.Form] {
        try FormBundleRenderer.renderDocuments(bundle).map {
            PrintJobBundle.Form(formID: $0.formID, title: $0.title, pdf: $0.rendered.pdf)
        }
    }

    static func interview(_ body: JSONObject, allowing extra: Set<String>) throws(APIError) -> (String, JSONValue) {
        if let unknown = body.keys.first(where: { !["event", "answers"].contains($0) && !extra.contains($0) }) {
            throw APIError.badRequest(code: "invalid_field", message: "unknown key \"\(unknown)\"", field: unknown)
        }
        guard case .string(let event)? = body["event"] else {
            throw APIError.badRequest(
                code: "missing_field", message: "event is required (a life event id such as move-in)", field: "event")
        }
        guard let answers = body["answers"], case .object = answers else {
            throw APIError.badRequest(code: "missing_field", message: "answers must be an object", field: "answers")
        }
        return (event, answers)
    }

    /// A form that cannot be filled: the field path and the reason (never the value) go to the clerk.
    static func unprintable(_ error: FormFillError) -> APIError {
        APIError(
            status: 422, code: "form_\(error.kind.rawValue)", message: error.message, field: error.fieldPath)
    }

    static func newBundleID() -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        let random = UInt32.random(in: 0...UInt32.max)
        return "b\(stamp)-\(String(random, radix: 16))"
    }

    static func json(field: InterviewField) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("path", .string(field.path)), ("type", .string(field.type.rawValue)), ("label", .string(field.label)),
            ("labelEn", .string(field.labelEn)),
        ]
        if !field.choices.isEmpty { members.append(("choices", .array(field.choices.map(JSONValue.string)))) }
        return .object(JSONObject(members))
    }

    static func json(_ job: PrintJobRecord, printerIDs: [String: String]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(job.id)), ("bundle", .string(job.bundleID)), ("form", .string(job.formID)),
            ("title", .string(job.formTitle)), ("printer", .string(printerIDs[job.printer] ?? job.printer)),
            ("state", .string(job.state.rawValue)), ("attempts", .number(String(job.attempts))),
            ("reasons", .array(job.printerStateReasons.map(JSONValue.string))),
            ("message", .string(job.message)),
            ("createdAt", .string(EventTimestamp.format(job.createdAt))),
            ("updatedAt", .string(EventTimestamp.format(job.updatedAt))),
        ]
        if let cups = job.cupsJobID { members.append(("cupsJob", .number(String(cups)))) }
        if let completed = job.completedAt {
            members.append(("completedAt", .string(EventTimestamp.format(completed))))
        }
        return .object(JSONObject(members))
    }
}
