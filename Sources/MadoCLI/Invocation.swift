// SPDX-License-Identifier: Apache-2.0
// Reading a whole madoctl command line: the global options, then which command with which arguments,
// or a request for help or the version. Pure, so every misuse message is tested without a daemon.

/// Options that apply to every command.
public struct GlobalOptions: Sendable, Equatable {
    public var socketPath: String
    public var json: Bool
}

/// What one madoctl command line asks for.
public enum Invocation {
    /// Print this help text on stdout and exit 0.
    case help(String)
    case version
    case run(any Command, GlobalOptions)

    public static let defaultSocketPath = "/run/mado/admin.sock"

    /// Reads `arguments` (without the program name). `--socket` and `--json` may appear anywhere
    /// before `--`, because technicians type `madoctl status --json` as often as `madoctl --json status`.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(CLIError) -> Invocation {
        var socket: String?
        var json = false
        var words: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if optionsEnded {
                words.append(word)
            } else if word == "--" {
                optionsEnded = true
                words.append(word)
            } else if word == "--json" {
                json = true
            } else if word == "--socket" {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else {
                    throw .usage("Missing value for '--socket <path>'", command: nil)
                }
                socket = arguments[index]
                index += 1
            } else if word.hasPrefix("--socket=") {
                socket = String(word.dropFirst("--socket=".count))
            } else {
                words.append(word)
            }
        }
        if socket == "" { throw .usage("The value '' is invalid for '--socket <path>'", command: nil) }
        let environmentSocket = environment["MADO_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let options = GlobalOptions(socketPath: socket ?? environmentSocket ?? defaultSocketPath, json: json)

        guard let first = words.first else { throw .usage("Missing command", command: nil) }
        if isHelpFlag(first) { return .help(HelpText.tool()) }
        if first == "--version" { return .version }
        if first.hasPrefix("-") { throw .usage("Unknown option '\(first)'", command: nil) }
        if first == "help" { return try help(for: words.dropFirst()) }

        switch CommandRegistry.match(words[...]) {
        case .command(let type, let wordCount):
            let rest = Array(words.dropFirst(wordCount))
            let beforeTerminator = rest.prefix { $0 != "--" }
            if beforeTerminator.contains(where: isHelpFlag) { return .help(HelpText.command(type)) }
            return .run(try type.parse(rest), options)
        case .group(let group, let next):
            guard let next else {
                throw .usage("Missing command after '\(group)'", command: group)
            }
            if isHelpFlag(next) { return .help(HelpText.group(group)) }
            throw .usage("Unknown command '\(group) \(next)'", command: group)
        case .unknown:
            throw .usage("Unknown command '\(first)'", command: nil)
        }
    }

    /// `madoctl help [command words]`.
    private static func help(for words: ArraySlice<String>) throws(CLIError) -> Invocation {
        guard !words.isEmpty else { return .help(HelpText.tool()) }
        switch CommandRegistry.match(words) {
        case .command(let type, let wordCount) where wordCount == words.count:
            return .help(HelpText.command(type))
        case .group(let group, nil):
            return .help(HelpText.group(group))
        default:
            throw .usage("Unknown command '\(words.joined(separator: " "))'", command: nil)
        }
    }

    private static func isHelpFlag(_ word: String) -> Bool { word == "--help" || word == "-h" }
}
