// SPDX-License-Identifier: Apache-2.0
// `madoctl exam sheets`: the printable answer sheets of an exam as a PDF.
internal import MadoCore

/// Fetches an exam's answer sheets: blank copies, or one pre-numbered sheet per student.
public struct ExamSheetsCommand: Command {
    public static let name = "exam sheets"
    public static let abstract = "Write an exam's printable answer sheets (A4 PDF)."
    static let idArgument = PositionalSpec("exam", help: "The exam id.")
    static let outOption = OptionSpec.value("--out", "file", required: true, help: "The PDF file to write.")
    static let copiesOption = OptionSpec.value("--copies", "n", help: "Blank copies (default 1; 1–1000).")
    static let studentsOption = OptionSpec.value(
        "--students", "numbers",
        help: "Comma-separated student numbers: one sheet each, with the number pre-printed in its QR code.")
    public static let signature = CommandSignature(
        options: [outOption, copiesOption, studentsOption], positionals: [idArgument])

    public let exam: String
    public let outputPath: String
    public let copies: Int
    public let students: [String]

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        exam = try arguments.positional(0, Self.idArgument)
        outputPath = try arguments.required(Self.outOption)
        let copiesText = arguments.value(Self.copiesOption) ?? "1"
        guard let copies = Int(copiesText), (1...1000).contains(copies) else {
            throw .usage(
                "The value '\(copiesText)' is invalid for '--copies <n>': expected a number from 1 to 1000",
                command: Self.name)
        }
        self.copies = copies
        students = arguments.value(Self.studentsOption).map { $0.split(separator: ",").map(String.init) } ?? []
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(exam, for: "<exam>", command: Self.name)
        if outputPath.isEmpty {
            throw Self.usageError("The value '' is invalid for '--out <file>': expected a file name")
        }
        for number in students where number.isEmpty || !number.allSatisfy(\.isASCII) || !number.allSatisfy(\.isNumber) {
            throw Self.usageError("The value '\(number)' is invalid for '--students <numbers>': expected digits")
        }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        var path = "/v1/exams/\(Validate.pathSegment(exam))/sheets.pdf?copies=\(copies)"
        if !students.isEmpty { path += "&students=\(students.joined(separator: ","))" }
        let response = try context.client.get(path)
        guard response.body.starts(with: Array("%PDF".utf8)) else {
            throw .invalidResponse("madod's answer to GET \(path) is not a PDF")
        }
        try LocalFile.write(response.body, to: outputPath, what: "the answer sheets")
        context.output.write("Wrote \(HumanFormat.bytes(response.body.count)) of PDF to \(outputPath)\n")
    }
}
