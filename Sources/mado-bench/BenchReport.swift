// SPDX-License-Identifier: Apache-2.0
// The whole run's results: printed line by line as benchmarks finish, or as one JSON document.
import Foundation
import MadoCore

struct BenchReport: Encodable {
    let version = MadoVersion.current
    /// "release" or "debug": debug figures say nothing about production and are flagged.
    let build: String
    let madod: String
    let processors: Int
    /// The filesystem of the temp directory ("ext4", "tmpfs"): commit latencies depend on it.
    let scratchFilesystem: String
    var benchmarks: [BenchmarkResult] = []

    var missedGoals: Int { benchmarks.reduce(0) { $0 + $1.missedGoals.count } }
    var failures: Int { benchmarks.filter { $0.error != nil }.count }

    var exitStatus: Int32 { failures > 0 ? 2 : missedGoals > 0 ? 1 : 0 }

    static func lines(of result: BenchmarkResult) -> [String] {
        var lines = result.lines.map(\.text)
        lines += result.notes.map { "\(result.name): note: \($0)" }
        if let error = result.error { lines.append("\(result.name): FAILED: \(error)") }
        return lines
    }

    var summary: String {
        let goals = benchmarks.flatMap(\.lines).flatMap(\.metrics).filter { $0.goal != nil }.count
        var text = "\(goals - missedGoals) of \(goals) goals met"
        if failures > 0 { text += ", \(failures) benchmark(s) failed" }
        return text
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
