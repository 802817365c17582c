// SPDX-License-Identifier: Apache-2.0
// mado-bench's command line: which benchmarks, which madod, and how to print.
import Foundation

/// The parsed command line. Misuse exits 64 with a usage line, as madoctl does.
struct BenchInvocation {
    var benchmarks: [any Benchmark] = []
    var json = false
    var keepFiles = false
    var madod: String?
    /// Where the temp directory goes; the default is $TMPDIR or /tmp.
    var directory: String?
    var showHelp = false
    /// `omr --accuracy`: also score the reader on 2,000 synthetic scans (minutes, so not in `all`).
    var omrAccuracy = false

    static let usage = "Usage: mado-bench [--json] [--keep] [--dir DIR] [--madod PATH] [--accuracy] all | BENCHMARK..."

    static var help: String {
        var text = """
            mado-bench: the speed and memory figures of mado, measured on a release build.

            \(usage)

            Benchmarks (`all` runs them in this order):

            """
        let width = BenchmarkList.all.map(\.name.count).max() ?? 0
        for benchmark in BenchmarkList.all {
            let padding = String(repeating: " ", count: width - benchmark.name.count)
            text += "  \(benchmark.name)\(padding)  \(benchmark.summary)\n"
        }
        text += """

            Options:
              --json         one JSON document on stdout instead of lines
              --accuracy     with omr: also read 2,000 synthetic scans and report accuracy and silent errors
              --keep         keep the temp directory (configs, databases, madod logs) and print its path
              --dir DIR      make the temp directory in DIR (default $TMPDIR or /tmp); use a directory on the
                             disk /var/lib/mado lives on when /tmp is a tmpfs, where commits cost nothing
              --madod PATH   the madod to start (default: the one beside mado-bench)
              -h, --help     this text

            Every benchmark starts its own madod in a temp directory, talks to it only on Unix sockets there,
            and stops it afterwards. Exit status: 0 when every goal is met, 1 when a goal is missed,
            2 when a benchmark could not run, 64 for a usage error.

            """
        return text
    }

    struct UsageError: Error {
        let message: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> BenchInvocation {
        var invocation = BenchInvocation()
        var names: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "-h", "--help", "help": invocation.showHelp = true
            case "--json": invocation.json = true
            case "--accuracy": invocation.omrAccuracy = true
            case "--keep": invocation.keepFiles = true
            case "--dir":
                guard let path = rest.popFirst() else { throw UsageError(message: "--dir needs a directory") }
                invocation.directory = path
            case "--madod":
                guard let path = rest.popFirst() else { throw UsageError(message: "--madod needs a path") }
                invocation.madod = path
            default:
                if argument.hasPrefix("-") { throw UsageError(message: "unknown option \(argument)") }
                names.append(argument)
            }
        }
        if invocation.showHelp { return invocation }
        if names.isEmpty { throw UsageError(message: "name a benchmark, or all") }
        for name in names {
            if name == "all" {
                invocation.benchmarks.append(contentsOf: BenchmarkList.all)
            } else if let benchmark = BenchmarkList.named(name) {
                invocation.benchmarks.append(benchmark)
            } else {
                let known = BenchmarkList.all.map(\.name).joined(separator: ", ")
                throw UsageError(message: "unknown benchmark \"\(name)\" (expected all, \(known))")
            }
        }
        if invocation.omrAccuracy {
            invocation.benchmarks = invocation.benchmarks.map { benchmark in
                guard var omr = benchmark as? OMRBenchmark else { return benchmark }
                omr.accuracy = true
                return omr
            }
        }
        return invocation
    }
}
