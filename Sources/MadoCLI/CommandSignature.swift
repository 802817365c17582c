// SPDX-License-Identifier: Apache-2.0
// What a command accepts (options and positional arguments), the scanner that reads a command line
// against it, and the synopsis that help and usage messages print from the same declaration.

/// One `--option` a command accepts: a flag, or an option followed by a value.
public struct OptionSpec: Sendable, Equatable {
    /// The option as typed, such as `--service`.
    public let name: String
    /// The placeholder shown for the value (`id` in `--service <id>`); nil for a flag.
    public let valueName: String?
    /// Whether the command cannot run without it; only used for the synopsis (commands enforce it).
    public let isRequired: Bool
    public let help: String

    public static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, isRequired: false, help: help)
    }

    public static func value(_ name: String, _ valueName: String, required: Bool = false, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, isRequired: required, help: help)
    }

    /// `--service <id>` or `--priority`.
    public var synopsis: String { valueName.map { "\(name) <\($0)>" } ?? name }
}

/// One positional argument, such as the `<ticket>` of `madoctl recall <ticket>`.
public struct PositionalSpec: Sendable, Equatable {
    public let name: String
    public let help: String
    /// The last positional may take several words (`madoctl exam read <file>…`).
    public let repeats: Bool

    public init(_ name: String, help: String, repeats: Bool = false) {
        self.name = name
        self.help = help
        self.repeats = repeats
    }
}

/// Everything a command accepts; the scanner, the usage line and the help page all read it.
public struct CommandSignature: Sendable {
    public let options: [OptionSpec]
    public let positionals: [PositionalSpec]

    public init(options: [OptionSpec] = [], positionals: [PositionalSpec] = []) {
        self.options = options
        self.positionals = positionals
    }

    /// The arguments part of the usage line: `--service <id> [--priority]`.
    public var synopsis: String {
        let options = options.map { $0.isRequired ? $0.synopsis : "[\($0.synopsis)]" }
        let positionals = positionals.map { $0.repeats ? "<\($0.name)>…" : "<\($0.name)>" }
        return (options + positionals).joined(separator: " ")
    }

    /// Reads `arguments` (the words after the command name) into options and positionals.
    /// Accepts `--name value` and `--name=value`; `--` ends the options.
    public func scan(_ arguments: [String], command: String) throws(CLIError) -> ParsedArguments {
        var parsed = ParsedArguments(command: command)
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if !optionsEnded && word == "--" {
                optionsEnded = true
                continue
            }
            guard !optionsEnded, word.hasPrefix("-"), word != "-" else {
                guard parsed.positionals.count < positionals.count || positionals.last?.repeats == true else {
                    throw .usage("Unexpected argument '\(word)'", command: command)
                }
                parsed.positionals.append(word)
                continue
            }
            let (name, inlineValue) = Self.split(word)
            guard let option = options.first(where: { $0.name == name }) else {
                throw .usage("Unknown option '\(name)'", command: command)
            }
            if option.valueName == nil {
                if inlineValue != nil {
                    throw .usage("The flag '\(name)' does not take a value", command: command)
                }
                parsed.flags.insert(name)
            } else if let inlineValue {
                parsed.values[name] = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                parsed.values[name] = arguments[index]
                index += 1
            } else {
                throw .usage("Missing value for '\(option.synopsis)'", command: command)
            }
        }
        return parsed
    }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}

/// A command line read against a `CommandSignature`, before the command checks what it means.
public struct ParsedArguments: Sendable, Equatable {
    public let command: String
    public var flags: Set<String> = []
    public var values: [String: String] = [:]
    public var positionals: [String] = []

    public init(command: String) {
        self.command = command
    }

    public func flag(_ option: OptionSpec) -> Bool { flags.contains(option.name) }

    public func value(_ option: OptionSpec) -> String? { values[option.name] }

    /// The value of an option the command cannot do without.
    public func required(_ option: OptionSpec) throws(CLIError) -> String {
        guard let value = values[option.name] else {
            throw .usage("Missing expected argument '\(option.synopsis)'", command: command)
        }
        return value
    }

    /// The positional argument at `index`, which the command cannot do without.
    public func positional(_ index: Int, _ spec: PositionalSpec) throws(CLIError) -> String {
        guard index < positionals.count else {
            throw .usage("Missing expected argument '<\(spec.name)>'", command: command)
        }
        return positionals[index]
    }

    /// The words from `index` on, for a repeating last positional; at least one is required.
    public func positionals(from index: Int, _ spec: PositionalSpec) throws(CLIError) -> [String] {
        guard index < positionals.count else {
            throw .usage("Missing expected argument '<\(spec.name)>'", command: command)
        }
        return Array(positionals[index...])
    }
}
