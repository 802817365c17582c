// SPDX-License-Identifier: Apache-2.0
// Where the project's data files (config/life-events.json, config/forms, config/exams) are, found from
// the working directory or by walking up from mado-bench's own path (.build/release/mado-bench).
import Foundation

enum ProjectFiles {
    /// The directory holding `config/`, or a BenchError saying where it looked.
    static func root() throws(BenchError) -> URL {
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory)
            directory.deleteLastPathComponent()
        }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("config/life-events.json").path) {
            return candidate
        }
        throw BenchError(
            "cannot find config/life-events.json in the working directory or above mado-bench; run it from the "
                + "repository (make bench)")
    }
}
