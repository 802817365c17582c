// SPDX-License-Identifier: Apache-2.0
// The CLI's view of a form print job (`GET /v1/print-jobs`).
internal import MadoCore

/// One form on its way to a counter printer.
struct PrintJob {
    let id: String
    let bundle: String
    let form: String
    let title: String
    let printer: String
    let state: String
    let reasons: [String]
    let attempts: Int

    static func read(_ r: JSONObjectReader) -> PrintJob? {
        guard let id = r.element("id")?.text, let state = r.requiredString("state") else { return nil }
        return PrintJob(
            id: id, bundle: r.element("bundle")?.text ?? "", form: r.string("form") ?? "",
            title: r.string("title") ?? "", printer: r.string("printer") ?? "", state: state,
            reasons: r.stringArray("reasons") ?? [], attempts: r.int("attempts") ?? 0)
    }

    static func table(_ jobs: [PrintJob]) -> String {
        var table = TextTable(headers: ["JOB", "BUNDLE", "FORM", "PRINTER", "STATE", "REASONS", "ATTEMPTS"])
        for job in jobs {
            table.append([
                job.id, job.bundle, job.title.isEmpty ? job.form : job.title, job.printer, job.state,
                job.reasons.isEmpty ? "-" : job.reasons.joined(separator: ","), String(job.attempts),
            ])
        }
        return table.rendered()
    }
}
