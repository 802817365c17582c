// SPDX-License-Identifier: Apache-2.0
// madod's command line: --config FILE, --check, --version, --help.
import Foundation
import MadoCore
import MadoSystem

/// Parses madod's arguments and runs the chosen mode; returns the exit status.
public enum DaemonCommand {
    public static let defaultConfigPath = "/etc/mado/madod.json"

    static let usage = """
        Usage: madod [--config FILE] [--check]
               madod --version

          --config FILE   configuration file (default \(defaultConfigPath))
          --check         validate the configuration and exit: 0 when valid, 2 with one line per problem
          --version       print the version and exit
          --help          print this help and exit

        madod runs in the foreground; systemd (Type=notify) or a terminal keeps it. SIGHUP reloads the
        configuration, SIGTERM stops it.
        """

    enum Mode: Equatable {
        case run(config: String)
        case check(config: String)
        case version
        case help
    }

    struct UsageError: Error {
        let message: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Mode {
        var config = defaultConfigPath
        var check = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--config", "-c":
                guard index + 1 < arguments.count else { throw UsageError(message: "\(argument) needs a file name") }
                config = arguments[index + 1]
                index += 1
            case _ where argument.hasPrefix("--config="):
                config = String(argument.dropFirst("--config=".count))
            case "--check": check = true
            case "--version": return .version
            case "--help", "-h": return .help
            default: throw UsageError(message: "unknown argument '\(argument)'")
            }
            index += 1
        }
        return check ? .check(config: config) : .run(config: config)
    }

    /// The whole of madod's main: `arguments` excludes the program name.
    public static func main(arguments: [String], environment: [String: String]) async -> Int32 {
        let mode: Mode
        do {
            mode = try parse(arguments)
        } catch {
            writeStandardError("Error: \(error.message)\n\(usage)\n")
            return 64
        }
        switch mode {
        case .help:
            print(usage)
            return 0
        case .version:
            print("madod \(MadoVersion.current)")
            return 0
        case .check(let path):
            switch ConfigurationLoader.load(path: path) {
            case .success(let config):
                // The forms section points at rule and template files: check those too.
                if let forms = config.forms, case .failure(let failure) = FormsCatalogs.load(forms) {
                    writeStandardError(failure.problems.map { "\(path): \($0)\n" }.joined())
                    return 2
                }
                print("\(path): configuration is valid")
                return 0
            case .failure(let problems):
                writeStandardError(problems.lines.map { $0 + "\n" }.joined())
                return 2
            }
        case .run(let path):
            return await DaemonRunner(configPath: path, environment: environment).run()
        }
    }

    static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(2, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
