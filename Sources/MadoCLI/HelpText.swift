// SPDX-License-Identifier: Apache-2.0
// The help pages and the usage lines of error messages, in the swift-argument-parser layout.

/// Builds every text madoctl prints for `--help`, `help` and usage errors.
public enum HelpText {
    public static let toolUsage = "madoctl [--socket <path>] [--json] <command> [<args>...]"

    /// `madoctl --help`.
    public static func tool() -> String {
        var text = "OVERVIEW: Administer a running madod through its admin socket.\n\n"
        text += "USAGE: \(toolUsage)\n\n"
        text += "OPTIONS:\n"
        text += columns([
            ("--socket <path>", "The admin socket (default: $MADO_SOCKET, then \(Invocation.defaultSocketPath))."),
            ("--json", "Print madod's JSON answers unchanged."),
            ("--version", "Show the version."),
            ("-h, --help", "Show help information."),
        ])
        text += "\nCOMMANDS:\n"
        text += columns(CommandRegistry.all.map { ($0.name, $0.abstract) } + [("help", "Show help for a command.")])
        text += "\n  See 'madoctl help <command>' for detailed help.\n"
        return text
    }

    /// `madoctl <command> --help`.
    public static func command(_ command: any Command.Type) -> String {
        var text = "OVERVIEW: \(command.abstract)\n"
        if let discussion = command.discussion { text += "\n\(discussion)\n" }
        text += "\nUSAGE: \(command.usage)\n"
        let signature = command.signature
        if !signature.positionals.isEmpty {
            text += "\nARGUMENTS:\n"
            text += columns(signature.positionals.map { ("<\($0.name)>", $0.help) })
        }
        text += "\nOPTIONS:\n"
        text += columns(signature.options.map { ($0.synopsis, $0.help) } + [("-h, --help", "Show help information.")])
        return text
    }

    /// `madoctl ticket --help`: the commands of a group.
    public static func group(_ name: String) -> String {
        let members = CommandRegistry.groupMembers(name)
        var text = "USAGE: madoctl \(name) <command> [<args>...]\n\nCOMMANDS:\n"
        text += columns(members.map { ($0.name, $0.abstract) })
        text += "\n  See 'madoctl help \(name) <command>' for detailed help.\n"
        return text
    }

    /// The lines printed on stderr for a usage error.
    public static func usageError(_ message: String, command: String?) -> String {
        let usage: String
        if let type = command.flatMap(commandType(named:)) {
            usage = type.usage
        } else if let command, !CommandRegistry.groupMembers(command).isEmpty {
            usage = "madoctl \(command) <command> [<args>...]"
        } else {
            usage = toolUsage
        }
        let helpCommand = command.map { "madoctl \($0) --help" } ?? "madoctl --help"
        return "Error: \(message)\nUsage: \(usage)\n  See '\(helpCommand)' for more information.\n"
    }

    static func commandType(named name: String) -> (any Command.Type)? {
        CommandRegistry.all.first { $0.name == name }
    }

    /// Two aligned columns, indented by two spaces, the second starting at the same column.
    private static func columns(_ rows: [(String, String)]) -> String {
        let width = max(16, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0))
        return rows.map { "  " + DisplayWidth.pad($0.0, to: width) + "  " + $0.1 + "\n" }.joined()
    }
}
