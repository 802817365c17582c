// SPDX-License-Identifier: Apache-2.0
// `madoctl forms render`: the filled forms of an interview as one PDF, to look at before printing.
internal import MadoCore

/// Renders every form an interview needs (with the resident's cover sheet) into a PDF file.
public struct FormsRenderCommand: Command {
    public static let name = "forms render"
    public static let abstract = "Render the filled forms of a life-event interview to a PDF file."
    static let outOption = OptionSpec.value("--out", "file", required: true, help: "The PDF file to write.")
    public static let signature = CommandSignature(
        options: [FormsPlanCommand.answersOption, FormsPlanCommand.eventOption, outOption])

    public let answersPath: String
    public let event: String?
    public let outputPath: String

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        answersPath = try arguments.required(FormsPlanCommand.answersOption)
        event = arguments.value(FormsPlanCommand.eventOption)
        outputPath = try arguments.required(Self.outOption)
    }

    public func validate() throws(CLIError) {
        if outputPath.isEmpty {
            throw Self.usageError("The value '' is invalid for '--out <file>': expected a file name")
        }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let interview = try InterviewFile.read(answersPath, event: event, command: Self.name)
        let response = try context.client.post("/v1/forms/render", json: interview.body())
        guard response.body.starts(with: Array("%PDF".utf8)) else {
            throw .invalidResponse("madod's answer to POST /v1/forms/render is not a PDF")
        }
        try LocalFile.write(response.body, to: outputPath, what: "the forms")
        context.output.write("Wrote \(HumanFormat.bytes(response.body.count)) of PDF to \(outputPath)\n")
    }
}
