// SPDX-License-Identifier: Apache-2.0
import MadoServer

// Every route madod serves, gathered from each feature's routes file.

enum DaemonRoutes {
    static func all(_ context: DaemonContext) -> [MadoServer.Route] {
        StatusRoutes.routes(context) + QueueRoutes.routes(context) + QueueKPIRoutes.routes(context)
            + OpenDataRoutes.routes(context) + ExamRoutes.routes(context) + FormsRoutes.routes(context)
            + DisplayRoutes.routes(context)
            // After DisplayRoutes: /display/{id}/… must match before /display/audio/{file}.
            + AnnouncementRoutes.routes { context.announcements }
    }
}
