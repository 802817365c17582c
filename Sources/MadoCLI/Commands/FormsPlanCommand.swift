// SPDX-License-Identifier: Apache-2.0
// `madoctl forms plan`: which procedures an interview triggers, and why, without printing anything.
internal import MadoCore

/// Sends an interview to madod and shows the procedures it triggers and the forms each needs.
public struct FormsPlanCommand: Command {
    public static let name = "forms plan"
    public static let abstract = "Show the procedures and forms a life-event interview triggers."
    public static let discussion: String? = """
        The answers file is a sample such as config/examples/interview-move-in.json ({"event", "answers"}),
        or bare answers with --event. Problems in the answers are listed by field and the exit status is 65.
        """
    static let answersOption = OptionSpec.value(
        "--answers", "file", required: true, help: "The interview answers (JSON).")
    static let eventOption = OptionSpec.value(
        "--event", "event", help: "The life event (move-in, death, 転入…) when the file does not name it.")
    public static let signature = CommandSignature(options: [answersOption, eventOption])

    public let answersPath: String
    public let event: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        answersPath = try arguments.required(Self.answersOption)
        event = arguments.value(Self.eventOption)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let interview = try InterviewFile.read(answersPath, event: event, command: Self.name)
        let response = try context.client.post("/v1/interviews/plan", json: interview.body())
        let plan = try AnswerReader.read(response.body, from: "POST /v1/interviews/plan") {
            $0.lenientObject(InterviewPlan.read)
        }
        if context.json { context.writeRaw(response.body) } else { context.output.write(plan.rendered()) }
        if !plan.errors.isEmpty {
            throw .badInputFile("\(plan.errors.count) answer(s) in \(answersPath) need attention")
        }
    }
}
