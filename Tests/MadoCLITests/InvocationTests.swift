// SPDX-License-Identifier: Apache-2.0
// Command-line parsing as a pure function: every command, the global options, and the exact text of
// misuse errors a technician sees.
import Foundation
import MadoTestThreads
import Testing

@testable import MadoCLI

@Suite(.ownThread) struct InvocationTests {
    /// Every command, with the value its parse produced.
    @Test(arguments: [
        (["status"], "StatusCommand()"),
        (["queue"], "QueueCommand(watch: false)"),
        (["queue", "--watch"], "QueueCommand(watch: true)"),
        (
            ["ticket", "issue", "--service", "juminhyo"],
            #"TicketIssueCommand(service: "juminhyo", priority: false, printer: nil)"#
        ),
        (
            ["ticket", "issue", "--service=juminhyo", "--priority", "--printer", "kiosk-2"],
            #"TicketIssueCommand(service: "juminhyo", priority: true, printer: Optional("kiosk-2"))"#
        ),
        (["call", "--counter", "c1"], #"CallCommand(counter: "c1", number: nil)"#),
        (["call", "--counter", "c1", "--number", "A-023"], #"CallCommand(counter: "c1", number: Optional("A-023"))"#),
        (["recall", "A-023"], #"TicketActionCommand<RecallAction>(ticket: "A-023")"#),
        (["start", "A-023"], #"TicketActionCommand<StartAction>(ticket: "A-023")"#),
        (["serve", "t-42"], #"TicketActionCommand<ServeAction>(ticket: "t-42")"#),
        (["noshow", "A-023"], #"TicketActionCommand<NoShowAction>(ticket: "A-023")"#),
        (["park", "A-023"], #"TicketActionCommand<ParkAction>(ticket: "A-023")"#),
        (["pending", "A-023"], #"TicketActionCommand<PendingAction>(ticket: "A-023")"#),
        (["cancel", "A-023"], #"TicketActionCommand<CancelAction>(ticket: "A-023")"#),
        (["transfer", "A-023", "--to", "koseki"], #"TransferCommand(ticket: "A-023", service: "koseki")"#),
        (["transfer", "--to", "koseki", "A-023"], #"TransferCommand(ticket: "A-023", service: "koseki")"#),
        (
            ["kpi", "export", "--from", "2025-04-01", "--to", "2025-04-30"],
            #"KPIExportCommand(from: "2025-04-01", to: "2025-04-30", format: "csv", outputPath: nil)"#
        ),
        (
            ["kpi", "export", "--from", "2024-02-29", "--to", "2024-02-29", "--format", "json", "--out", "k.json"],
            #"KPIExportCommand(from: "2024-02-29", to: "2024-02-29", format: "json", outputPath: Optional("k.json"))"#
        ),
        (["events"], "EventsCommand()"),
    ])
    func parsesEveryCommand(arguments: [String], expected: String) throws {
        guard case .run(let command, let options) = try Invocation.parse(arguments, environment: [:]) else {
            Issue.record("\(arguments) did not parse to a command")
            return
        }
        let shown = String(describing: command).replacingOccurrences(of: "MadoCLI.", with: "")
        #expect(shown == expected)
        #expect(options == GlobalOptions(socketPath: "/run/mado/admin.sock", json: false))
    }

    @Test func socketComesFromOptionThenEnvironmentThenDefault() throws {
        func socket(_ arguments: [String], _ environment: [String: String]) throws -> GlobalOptions? {
            guard case .run(_, let options) = try Invocation.parse(arguments, environment: environment) else {
                return nil
            }
            return options
        }
        let env = ["MADO_SOCKET": "/tmp/env.sock"]
        #expect(try socket(["--socket", "/tmp/a.sock", "status"], env)?.socketPath == "/tmp/a.sock")
        #expect(try socket(["--socket=/tmp/b.sock", "status"], env)?.socketPath == "/tmp/b.sock")
        #expect(try socket(["status"], env)?.socketPath == "/tmp/env.sock")
        #expect(try socket(["status"], ["MADO_SOCKET": ""])?.socketPath == "/run/mado/admin.sock")
        #expect(try socket(["--json", "status"], [:]) == GlobalOptions(socketPath: "/run/mado/admin.sock", json: true))
        #expect(try socket(["status", "--json"], [:])?.json == true)
    }

    /// Misuse: stderr names the problem, the usage and where help is, and the exit status is 64.
    @Test(arguments: [
        (
            [],
            "Error: Missing command\nUsage: madoctl [--socket <path>] [--json] <command> [<args>...]\n"
                + "  See 'madoctl --help' for more information.\n"
        ),
        (
            ["frobnicate"],
            "Error: Unknown command 'frobnicate'\n"
                + "Usage: madoctl [--socket <path>] [--json] <command> [<args>...]\n"
                + "  See 'madoctl --help' for more information.\n"
        ),
        (
            ["--verbose", "status"],
            "Error: Unknown option '--verbose'\n"
                + "Usage: madoctl [--socket <path>] [--json] <command> [<args>...]\n"
                + "  See 'madoctl --help' for more information.\n"
        ),
        (
            ["--socket"],
            "Error: Missing value for '--socket <path>'\n"
                + "Usage: madoctl [--socket <path>] [--json] <command> [<args>...]\n"
                + "  See 'madoctl --help' for more information.\n"
        ),
        (
            ["status", "--foo"],
            "Error: Unknown option '--foo'\nUsage: madoctl status\n"
                + "  See 'madoctl status --help' for more information.\n"
        ),
        (
            ["ticket", "issue"],
            "Error: Missing expected argument '--service <id>'\n"
                + "Usage: madoctl ticket issue --service <id> [--priority] [--printer <id>]\n"
                + "  See 'madoctl ticket issue --help' for more information.\n"
        ),
        (
            ["ticket", "issue", "--service"],
            "Error: Missing value for '--service <id>'\n"
                + "Usage: madoctl ticket issue --service <id> [--priority] [--printer <id>]\n"
                + "  See 'madoctl ticket issue --help' for more information.\n"
        ),
        (
            ["ticket"],
            "Error: Missing command after 'ticket'\nUsage: madoctl ticket <command> [<args>...]\n"
                + "  See 'madoctl ticket --help' for more information.\n"
        ),
        (
            ["ticket", "print"],
            "Error: Unknown command 'ticket print'\nUsage: madoctl ticket <command> [<args>...]\n"
                + "  See 'madoctl ticket --help' for more information.\n"
        ),
        (
            ["call", "--number", "A-023"],
            "Error: Missing expected argument '--counter <id>'\n"
                + "Usage: madoctl call --counter <id> [--number <number>]\n"
                + "  See 'madoctl call --help' for more information.\n"
        ),
        (
            ["recall"],
            "Error: Missing expected argument '<ticket>'\nUsage: madoctl recall <ticket>\n"
                + "  See 'madoctl recall --help' for more information.\n"
        ),
        (
            ["cancel", "A-023", "A-024"],
            "Error: Unexpected argument 'A-024'\nUsage: madoctl cancel <ticket>\n"
                + "  See 'madoctl cancel --help' for more information.\n"
        ),
        (
            ["serve", "A/023"],
            "Error: The value 'A/023' is invalid for '<ticket>': expected a ticket id or today's number such as A-023\n"
                + "Usage: madoctl serve <ticket>\n  See 'madoctl serve --help' for more information.\n"
        ),
        (
            ["transfer", "A-023"],
            "Error: Missing expected argument '--to <service>'\n"
                + "Usage: madoctl transfer --to <service> <ticket>\n"
                + "  See 'madoctl transfer --help' for more information.\n"
        ),
        (
            ["queue", "--watch=yes"],
            "Error: The flag '--watch' does not take a value\nUsage: madoctl queue [--watch]\n"
                + "  See 'madoctl queue --help' for more information.\n"
        ),
        (
            ["kpi", "export", "--from", "2025/04/01", "--to", "2025-04-30"],
            "Error: The value '2025/04/01' is invalid for '--from <date>': expected a date like 2025-04-01\n"
                + "Usage: madoctl kpi export --from <date> --to <date> [--format <format>] [--out <file>]\n"
                + "  See 'madoctl kpi export --help' for more information.\n"
        ),
        (
            ["kpi", "export", "--from", "2025-04-01", "--to", "2025-02-29"],
            "Error: The value '2025-02-29' is invalid for '--to <date>': expected a date like 2025-04-01\n"
                + "Usage: madoctl kpi export --from <date> --to <date> [--format <format>] [--out <file>]\n"
                + "  See 'madoctl kpi export --help' for more information.\n"
        ),
        (
            ["kpi", "export", "--from", "2025-04-30", "--to", "2025-04-01"],
            "Error: '--to <date>' (2025-04-01) is before '--from <date>' (2025-04-30)\n"
                + "Usage: madoctl kpi export --from <date> --to <date> [--format <format>] [--out <file>]\n"
                + "  See 'madoctl kpi export --help' for more information.\n"
        ),
        (
            ["kpi", "export", "--from", "2025-04-01", "--to", "2025-04-30", "--format", "xlsx"],
            "Error: The value 'xlsx' is invalid for '--format <format>': expected csv or json\n"
                + "Usage: madoctl kpi export --from <date> --to <date> [--format <format>] [--out <file>]\n"
                + "  See 'madoctl kpi export --help' for more information.\n"
        ),
        (
            ["help", "frobnicate"],
            "Error: Unknown command 'frobnicate'\n"
                + "Usage: madoctl [--socket <path>] [--json] <command> [<args>...]\n"
                + "  See 'madoctl --help' for more information.\n"
        ),
    ])
    func misuseIsAUsageError(arguments: [String], expectedError: String) {
        let run = MadoctlRun(arguments)
        #expect(run.status == 64)
        #expect(run.stderr == expectedError)
        #expect(run.stdout == "")
    }

    @Test func versionGoesToStdout() {
        let run = MadoctlRun(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "madoctl 0.1.0\n")
    }
}
