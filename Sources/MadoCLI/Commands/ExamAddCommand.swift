// SPDX-License-Identifier: Apache-2.0
// `madoctl exam add`: register (or replace) an exam definition so its answer sheets can be printed and read.
internal import MadoCore

/// Sends an exam definition file (config/exams/example.json is one) to madod.
public struct ExamAddCommand: Command {
    public static let name = "exam add"
    public static let abstract = "Add or replace an exam definition (questions, options, answers, points)."
    static let fileArgument = PositionalSpec("file", help: "The exam definition (JSON).")
    public static let signature = CommandSignature(positionals: [fileArgument])

    public let path: String

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        path = try arguments.positional(0, Self.fileArgument)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let definition = try LocalFile.json(path, what: "the exam definition")
        let response = try context.client.post("/v1/exams", json: definition)
        if context.json { return context.writeRaw(response.body) }
        let summary = try AnswerReader.read(response.body, from: "POST /v1/exams") { element in
            element.lenientObject { r -> (String, Int, Int)? in
                guard let id = r.requiredString("id"), let questions = r.requiredInt("questions"),
                    let pages = r.requiredInt("pages")
                else { return nil }
                return (id, questions, pages)
            }
        }
        context.output.write(
            "Exam \(summary.0): \(summary.1) questions on \(summary.2) page\(summary.2 == 1 ? "" : "s") per sheet\n")
    }
}
