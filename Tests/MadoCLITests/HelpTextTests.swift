// SPDX-License-Identifier: Apache-2.0
// Help pages as literal snapshots: what a technician reads when they type --help.
import MadoTestThreads
import Testing

@testable import MadoCLI

@Suite(.ownThread) struct HelpTextTests {
    @Test func callHelp() {
        let run = MadoctlRun(["call", "--help"])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                OVERVIEW: Call the next waiting ticket (or a given number) to a counter.

                USAGE: madoctl call --counter <id> [--number <number>]

                OPTIONS:
                  --counter <id>     The counter that calls.
                  --number <number>  Call this ticket (today's number, e.g. A-023) instead of the next one.
                  -h, --help         Show help information.

                """)
    }

    @Test func kpiExportHelp() {
        let run = MadoctlRun(["help", "kpi", "export"])
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                OVERVIEW: Export daily queue figures (tickets, waiting and stay times) as CSV or JSON.

                USAGE: madoctl kpi export --from <date> --to <date> [--format <format>] [--out <file>]

                OPTIONS:
                  --from <date>      First day, YYYY-MM-DD.
                  --to <date>        Last day (included), YYYY-MM-DD.
                  --format <format>  csv (default) or json.
                  --out <file>       Write to this file instead of stdout.
                  -h, --help         Show help information.

                """)
    }

    @Test func transferHelpListsItsArgument() {
        let run = MadoctlRun(["transfer", "-h"])
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                OVERVIEW: Move a ticket to another service's queue.

                USAGE: madoctl transfer --to <service> <ticket>

                ARGUMENTS:
                  <ticket>          The ticket id, or today's number such as A-023.

                OPTIONS:
                  --to <service>    The service to move it to.
                  -h, --help        Show help information.

                """)
    }

    /// `--help`, `help` and `help COMMAND` all print to stdout and exit 0; the tool page lists every command.
    @Test(arguments: [["--help"], ["-h"], ["help"], ["help", "queue"], ["queue", "--help"], ["ticket", "--help"]])
    func helpExitsZero(arguments: [String]) {
        let run = MadoctlRun(arguments)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.contains("USAGE: madoctl"))
    }

    @Test func toolHelpListsEveryCommand() {
        let help = MadoctlRun(["--help"]).stdout
        for command in CommandRegistry.all {
            #expect(help.contains("\n  \(command.name) "), "\(command.name) missing from madoctl --help")
        }
        #expect(MadoctlRun(["ticket", "--help"]).stdout.contains("ticket issue"))
    }
}
