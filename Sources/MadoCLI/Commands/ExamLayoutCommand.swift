// SPDX-License-Identifier: Apache-2.0
// `madoctl exam layout`: where every bubble and box of an exam's sheets is, for checking a reader.

/// Prints (or writes) an exam's layout JSON: positions in mm from each page's top-left corner.
public struct ExamLayoutCommand: Command {
    public static let name = "exam layout"
    public static let abstract = "Show where every bubble and answer box of an exam's sheets is (JSON, mm)."
    static let idArgument = PositionalSpec("exam", help: "The exam id.")
    static let outOption = OptionSpec.value("--out", "file", help: "Write to this file instead of stdout.")
    public static let signature = CommandSignature(options: [outOption], positionals: [idArgument])

    public let exam: String
    public let outputPath: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        exam = try arguments.positional(0, Self.idArgument)
        outputPath = arguments.value(Self.outOption)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(exam, for: "<exam>", command: Self.name)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let response = try context.client.get("/v1/exams/\(Validate.pathSegment(exam))/layout.json")
        guard let outputPath else { return context.writeRaw(response.body) }
        try LocalFile.write(response.body, to: outputPath, what: "the layout")
        context.output.write("Wrote the layout of \(exam) to \(outputPath)\n")
    }
}
