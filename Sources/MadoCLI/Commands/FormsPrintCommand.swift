// SPDX-License-Identifier: Apache-2.0
// `madoctl forms print`: print the filled forms of an interview on a counter printer.
internal import MadoCore

/// Queues every form an interview needs on a counter printer and lists the print jobs.
public struct FormsPrintCommand: Command {
    public static let name = "forms print"
    public static let abstract = "Print the filled forms of a life-event interview on a counter printer."
    public static let discussion: String? = """
        The forms are queued durably: a printer out of paper or with its cover open holds the jobs, and
        they print once when it is ready again. Follow them with 'madoctl print-jobs'.
        """
    static let printerOption = OptionSpec.value(
        "--printer", "id", help: "The counter printer (default: the only one configured).")
    public static let signature = CommandSignature(
        options: [FormsPlanCommand.answersOption, FormsPlanCommand.eventOption, printerOption])

    public let answersPath: String
    public let event: String?
    public let printer: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        answersPath = try arguments.required(FormsPlanCommand.answersOption)
        event = arguments.value(FormsPlanCommand.eventOption)
        printer = arguments.value(Self.printerOption)
    }

    public func validate() throws(CLIError) {
        if let printer { try Validate.identifier(printer, for: Self.printerOption.synopsis, command: Self.name) }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let interview = try InterviewFile.read(answersPath, event: event, command: Self.name)
        let extra: [(String, JSONValue)] = printer.map { [("printer", .string($0))] } ?? []
        let response = try context.client.post("/v1/forms/print", json: interview.body(extra))
        if context.json { return context.writeRaw(response.body) }
        let jobs = try AnswerReader.read(response.body, from: "POST /v1/forms/print") { element in
            element.lenientObject { r in r.array("jobs") { $0.lenientObject(PrintJob.read) } }
        }
        context.output.write("Queued \(jobs.count) form\(jobs.count == 1 ? "" : "s"):\n")
        context.output.write(PrintJob.table(jobs))
    }
}
