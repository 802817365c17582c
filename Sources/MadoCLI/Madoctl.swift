// SPDX-License-Identifier: Apache-2.0
// madoctl's entry point as a function: arguments and environment in, text and an exit status out,
// so the executable is one line and tests run the real thing against a socket of their own.
public import Foundation
internal import MadoCore

/// The madoctl program.
public enum Madoctl {
    public static let version = MadoVersion.current

    /// Runs one invocation; returns the process exit status (sysexits(3) on failure).
    public static func main(
        arguments: [String], environment: [String: String], output: any OutputSink, errors: any OutputSink,
        isTerminal: Bool, timeZone: TimeZone = .current
    ) -> Int32 {
        do {
            switch try Invocation.parse(arguments, environment: environment) {
            case .help(let text):
                output.write(text)
            case .version:
                output.write("madoctl \(version)\n")
            case .run(let command, let options):
                let context = CommandContext(
                    client: AdminClient(socketPath: options.socketPath), json: options.json, output: output,
                    isTerminal: isTerminal, timeZone: timeZone)
                try command.run(in: context)
            }
            return ExitCode.success
        } catch {
            errors.write(describe(error))
            return error.exitCode
        }
    }

    /// The stderr text for a failure: usage errors add the usage line and where to find help.
    public static func describe(_ error: CLIError) -> String {
        if case .usage(let message, let command) = error {
            return HelpText.usageError(message, command: command)
        }
        return error.message + "\n"
    }
}
