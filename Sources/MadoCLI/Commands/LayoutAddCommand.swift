// SPDX-License-Identifier: Apache-2.0
// `madoctl layout add`: describe a pre-printed (vendor or school) mark sheet so mado can read it.
internal import MadoCore

/// Registers a foreign sheet layout under an id (docs/omr.md describes the file).
public struct LayoutAddCommand: Command {
    public static let name = "layout add"
    public static let abstract = "Add a layout for a pre-printed mark sheet (see docs/omr.md)."
    static let idOption = OptionSpec.value("--id", "id", required: true, help: "The name to read it by.")
    static let fileArgument = PositionalSpec("file", help: "The layout (JSON, px of a reference scan).")
    public static let signature = CommandSignature(options: [idOption], positionals: [fileArgument])

    public let id: String
    public let path: String

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        id = try arguments.required(Self.idOption)
        path = try arguments.positional(0, Self.fileArgument)
    }

    public func validate() throws(CLIError) {
        try Validate.identifier(id, for: Self.idOption.synopsis, command: Self.name)
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let layout = try LocalFile.json(path, what: "the sheet layout")
        let body = JSONValue.object(JSONObject([("id", .string(id)), ("layout", layout)]))
        let response = try context.client.post("/v1/layouts", json: body)
        if context.json { return context.writeRaw(response.body) }
        context.output.write("Layout \(id) added; read sheets with 'madoctl exam read --layout \(id) FILE…'\n")
    }
}
