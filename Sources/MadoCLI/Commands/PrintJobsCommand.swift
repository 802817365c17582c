// SPDX-License-Identifier: Apache-2.0
// `madoctl print-jobs`: where every form sent to a counter printer stands (sent, held for paper…).
internal import MadoCore

/// Lists the form print jobs, newest first, optionally of one bundle.
public struct PrintJobsCommand: Command {
    public static let name = "print-jobs"
    public static let abstract = "List form print jobs and why any is held (paper, cover, stopped queue)."
    static let bundleOption = OptionSpec.value("--bundle", "id", help: "Only the jobs of this bundle.")
    public static let signature = CommandSignature(options: [bundleOption])

    public let bundle: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        bundle = arguments.value(Self.bundleOption)
    }

    public func validate() throws(CLIError) {
        if let bundle { try Validate.identifier(bundle, for: Self.bundleOption.synopsis, command: Self.name) }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let path = bundle.map { "/v1/print-jobs?bundle=\(Validate.pathSegment($0))" } ?? "/v1/print-jobs"
        let response = try context.client.get(path)
        if context.json { return context.writeRaw(response.body) }
        let jobs = try AnswerReader.read(response.body, from: "GET \(path)") { element in
            element.lenientObject { r in r.array("jobs") { $0.lenientObject(PrintJob.read) } }
        }
        context.output.write(jobs.isEmpty ? "No print jobs.\n" : PrintJob.table(jobs))
    }
}
