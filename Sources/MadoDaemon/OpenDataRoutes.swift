// SPDX-License-Identifier: Apache-2.0
// GET /v1/opendata/datapackage.json and the CSV files it describes: the city dashboard's source.
import Foundation
import MadoCore
import MadoServer

/// The open-data files. Open on the LAN: aggregates of finished business days, nothing personal.
enum OpenDataRoutes {
    static func routes(_ context: DaemonContext) -> [Route] {
        [
            Route("GET", "/v1/opendata/datapackage.json", access: .open) { request, _ in
                try QueueRoutes.onlyQueryKeys([], in: request)
                _ = try QueueRoutes.service(context)
                let descriptor = OpenDataPackage.descriptor(siteName: context.config.site.name, created: Date())
                return .bytes(QueueJSONWriter.data(descriptor), contentType: "application/json")
            },
            // One pattern for every file: the router matches whole segments, so "{name}.csv" cannot be
            // a pattern; unknown names get a 404 listing the files there are.
            Route("GET", "/v1/opendata/{file}", access: .open) { request, parameters in
                try QueueRoutes.onlyQueryKeys([], in: request)
                guard let resource = OpenDataPackage.resource(path: parameters["file"]) else {
                    let files = (["datapackage.json"] + OpenDataPackage.resources.map(\.path)).joined(separator: ", ")
                    throw APIError.notFound("there is no open-data file \"\(parameters["file"])\" (files: \(files))")
                }
                _ = try QueueRoutes.service(context)
                guard let config = context.config.queue?.configuration else { throw APIError.internalError }
                let database = context.database
                let data = try await exportBlocking {
                    try QueueKPIExporter.export(
                        resource.table, database: database, config: config,
                        from: BusinessDay(year: 1, month: 1, day: 1), to: BusinessDay(year: 9999, month: 12, day: 31),
                        format: .csv, finishedDaysOnly: true)
                }
                return .bytes(data, contentType: QueueKPIFormat.csv.contentType)
            },
        ]
    }
}
