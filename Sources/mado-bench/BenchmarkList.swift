// SPDX-License-Identifier: Apache-2.0
// The benchmarks `mado-bench all` runs, in order. A new benchmark is one file plus one line here.

enum BenchmarkList {
    static let all: [any Benchmark] = [
        StartupBenchmark(),
        QueueBenchmark(),
        TicketBenchmark(),
        DisplayBenchmark(),
        FormsBenchmark(),
        OMRBenchmark(),
    ]

    static func named(_ name: String) -> (any Benchmark)? { all.first { $0.name == name } }
}
