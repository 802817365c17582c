// SPDX-License-Identifier: Apache-2.0
// A madoctl command as a type: it declares what it accepts, builds a checked value from a command
// line (parse, then validate), and only then runs against the daemon.
public import Foundation

/// One madoctl command. Parsing and validation are pure, so tests call `parse` without a daemon.
public protocol Command: Sendable {
    /// The words that select the command: `status`, `ticket issue`.
    static var name: String { get }
    /// One line for the command list and the top of the help page.
    static var abstract: String { get }
    /// Extra paragraphs for the help page, or nil.
    static var discussion: String? { get }
    static var signature: CommandSignature { get }

    /// Picks the command's values out of a scanned command line (missing required options throw here).
    init(parsing arguments: ParsedArguments) throws(CLIError)
    /// Checks what the values mean (dates, ticket references) before anything is sent.
    func validate() throws(CLIError)
    func run(in context: CommandContext) throws(CLIError)
}

extension Command {
    public static var discussion: String? { nil }

    public func validate() throws(CLIError) {}

    /// Scans, builds and validates: the checked command, or a usage error naming this command.
    public static func parse(_ arguments: [String]) throws(CLIError) -> Self {
        let scanned = try signature.scan(arguments, command: name)
        let command = try Self(parsing: scanned)
        try command.validate()
        return command
    }

    /// `madoctl ticket issue --service <id> [--priority]`
    public static var usage: String {
        let synopsis = signature.synopsis
        return synopsis.isEmpty ? "madoctl \(name)" : "madoctl \(name) \(synopsis)"
    }

    /// A usage error about this command, for `validate()`.
    public static func usageError(_ message: String) -> CLIError {
        .usage(message, command: name)
    }
}

/// What a running command may use: the daemon, the output, and how to present answers.
public struct CommandContext {
    public let client: AdminClient
    /// `--json`: print the daemon's answers unchanged instead of tables.
    public let json: Bool
    public let output: any OutputSink
    /// Whether stdout is a terminal (a `--watch` redraw clears the screen only then).
    public let isTerminal: Bool
    /// The zone used to show times of day (the daemon sends ISO 8601 instants).
    public let timeZone: TimeZone

    public init(
        client: AdminClient, json: Bool, output: any OutputSink, isTerminal: Bool, timeZone: TimeZone = .current
    ) {
        self.client = client
        self.json = json
        self.output = output
        self.isTerminal = isTerminal
        self.timeZone = timeZone
    }

    /// Prints a daemon answer unchanged (for `--json`), ending it with a newline.
    public func writeRaw(_ body: Data) {
        output.write(body)
        if body.last != UInt8(ascii: "\n") { output.write("\n") }
    }
}
