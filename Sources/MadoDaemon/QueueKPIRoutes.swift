// SPDX-License-Identifier: Apache-2.0
// GET /v1/kpi/daily, /v1/kpi/hourly and /v1/kpi/counters: the queue's figures for a span of days.
import Foundation
import MadoCore
import MadoServer
import MadoStore

/// The KPI routes. Aggregates only (no ticket ids, no tokens), so they are open on the LAN like the
/// open-data files.
enum QueueKPIRoutes {
    static func routes(_ context: DaemonContext) -> [Route] {
        QueueKPITable.allCases.map { table in
            Route("GET", "/v1/kpi/\(table.rawValue)", access: .open) { request, _ in
                guard let config = context.config.queue?.configuration else {
                    _ = try QueueRoutes.service(context)  // the "not configured" answer
                    throw APIError.internalError
                }
                let query = try KPIQuery(request, today: config.calendar.businessDay(of: Date()))
                let database = context.database
                let data = try await exportBlocking {
                    try QueueKPIExporter.export(
                        table, database: database, config: config, from: query.from, to: query.to,
                        format: query.format)
                }
                return .bytes(data, contentType: query.format.contentType)
            }
        }
    }

    /// `from`, `to` (YYYY-MM-DD business days, both included; default today) and `format`.
    struct KPIQuery {
        let from: BusinessDay
        let to: BusinessDay
        let format: QueueKPIFormat

        init(_ request: HTTPRequest, today: BusinessDay) throws(APIError) {
            try QueueRoutes.onlyQueryKeys(["from", "to", "format"], in: request)
            let to = try Self.day(request.query["to"], field: "to") ?? today
            let from = try Self.day(request.query["from"], field: "from") ?? to
            guard from <= to else {
                throw APIError.badRequest(
                    code: "invalid_field", message: "to (\(to)) is before from (\(from))", field: "to")
            }
            let formatText = request.query["format"] ?? "csv"
            guard let format = QueueKPIFormat(rawValue: formatText) else {
                throw APIError.badRequest(
                    code: "invalid_field", message: "unknown format \"\(formatText)\"; expected csv or json",
                    field: "format")
            }
            self.from = from
            self.to = to
            self.format = format
        }

        /// A real calendar date written YYYY-MM-DD (2026-02-30 is refused).
        static func day(_ text: String?, field: String) throws(APIError) -> BusinessDay? {
            guard let text else { return nil }
            guard let day = BusinessDay(text), Self.exists(day) else {
                throw APIError.badRequest(
                    code: "invalid_field", message: "\(field) must be a date as YYYY-MM-DD, found \"\(text)\"",
                    field: field)
            }
            return day
        }

        private static func exists(_ day: BusinessDay) -> Bool {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            else { return false }
            let back = calendar.dateComponents([.year, .month, .day], from: date)
            return back.year == day.year && back.month == day.month && back.day == day.day
        }
    }
}

extension QueueKPIFormat {
    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8; header=present"
        case .json: "application/json"
        }
    }
}

/// Runs blocking work (database reads, a cold KPI computation) on a Dispatch thread, so that it
/// never holds one of the cooperative pool's few threads.
func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { @Sendable in
            continuation.resume(with: Result { try work() })
        }
    }
}

/// `runBlocking` for an export: a store failure (a damaged log, a full disk) is a 503 that says so.
func exportBlocking(_ work: @escaping @Sendable () throws -> Data) async throws -> Data {
    do {
        return try await runBlocking(work)
    } catch let error as StoreError {
        throw APIError.unavailable("cannot read the queue's figures from the database: \(error)")
    }
}
