// SPDX-License-Identifier: Apache-2.0
// What every benchmark is, and what it is given to run: one benchmark per file, listed in BenchmarkList.
import Foundation

/// One `mado-bench NAME`. `run` fills `result` as it goes, so the figures measured before a failure
/// are still reported; a thrown error ends only this benchmark.
protocol Benchmark: Sendable {
    var name: String { get }
    /// One line for `--help`: what is measured and the goals.
    var summary: String { get }
    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError)
}

/// Where the binaries and the scratch space are, shared by every benchmark of one invocation.
struct BenchContext: Sendable {
    /// The madod binary to start (by default the one beside mado-bench).
    let madod: String
    /// A private temp directory (mkdtemp) removed at the end unless `keepFiles`.
    let temporaryRoot: String
    let keepFiles: Bool

    /// A fresh session directory under the temp root, e.g. `startup-3`.
    func sessionDirectory(_ name: String) -> String { temporaryRoot + "/" + name }

    /// Starts madod in a fresh directory and runs `body` with it, then stops it with SIGTERM (a
    /// daemon that does not exit cleanly after the load fails the benchmark). On any failure the
    /// daemon is killed; the directory is removed either way.
    func withDaemon<T>(
        _ name: String, sections: [String] = [], _ body: (DaemonSession) throws(BenchError) -> T
    ) throws(BenchError) -> T {
        let session = try DaemonSession(madod: madod, directory: sessionDirectory(name), sections: sections)
        defer { session.cleanUp(keepFiles: keepFiles) }
        try session.start()
        let value = try body(session)
        try session.stop()
        return value
    }
}
