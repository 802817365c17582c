// SPDX-License-Identifier: Apache-2.0
// `madoctl exam read`: read scanned answer sheets and show the marks, without storing anything, to
// check a scanner's settings or a layout before a real batch.
internal import Foundation
internal import MadoCore

/// Sends each scanned file to madod and prints what it read on every page.
public struct ExamReadCommand: Command {
    public static let name = "exam read"
    public static let abstract = "Read scanned answer sheets (PNG, JPEG, TIFF, PNM, PDF) and show the marks."
    public static let discussion: String? = """
        Nothing is stored. Each page shows the answer read per question, a confidence and flags (blank,
        multiple, ambiguous); a flagged question goes to the teacher. The exit status is 65 when a page
        cannot be read at all.
        """
    static let examOption = OptionSpec.value("--exam", "id", help: "Read against this exam's own sheets.")
    static let layoutOption = OptionSpec.value("--layout", "id", help: "Read against a pre-printed sheet's layout.")
    static let filesArgument = PositionalSpec(
        "file", help: "Scanned pages; TIFF and PDF may hold several.", repeats: true)
    public static let signature = CommandSignature(options: [examOption, layoutOption], positionals: [filesArgument])

    public let exam: String?
    public let layout: String?
    public let files: [String]

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        exam = arguments.value(Self.examOption)
        layout = arguments.value(Self.layoutOption)
        files = try arguments.positionals(from: 0, Self.filesArgument)
    }

    public func validate() throws(CLIError) {
        guard (exam == nil) != (layout == nil) else {
            throw Self.usageError("Give either '--exam <id>' or '--layout <id>'")
        }
        if let exam { try Validate.identifier(exam, for: Self.examOption.synopsis, command: Self.name) }
        if let layout { try Validate.identifier(layout, for: Self.layoutOption.synopsis, command: Self.name) }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let base =
            exam.map { "/v1/exams/\(Validate.pathSegment($0))/read" }
            ?? "/v1/layouts/\(Validate.pathSegment(layout ?? ""))/read"
        var unreadable = 0
        var rawAnswers: [String] = []
        for file in files {
            let bytes = try LocalFile.data(file, what: "the scan")
            let name = (file as NSString).lastPathComponent
            let path = "\(base)?name=\(Validate.pathSegment(name))"
            let response = try context.client.post(path, body: bytes, contentType: Self.contentType(of: file))
            let reading = try AnswerReader.read(response.body, from: "POST \(base)") {
                $0.lenientObject(SheetReadingView.read)
            }
            unreadable += reading.pages.filter { $0.errorMessage != nil }.count
            if context.json {
                rawAnswers.append(String(decoding: response.body, as: UTF8.self))
            } else {
                context.output.write(reading.rendered(file: name))
            }
        }
        if context.json { context.output.write("[" + rawAnswers.joined(separator: ",") + "]\n") }
        if unreadable > 0 { throw .badInputFile("\(unreadable) page(s) could not be read") }
    }

    /// The media type for a file name; madod sniffs the bytes anyway, this only labels them.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "tif", "tiff": "image/tiff"
        case "pdf": "application/pdf"
        case "pnm", "pgm", "pbm", "ppm": "image/x-portable-anymap"
        default: "application/octet-stream"
        }
    }
}
