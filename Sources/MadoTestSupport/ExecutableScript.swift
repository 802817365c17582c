// SPDX-License-Identifier: Apache-2.0
// Stand-in programs (a fake open_jtalk) written by tests without ever holding them open for writing.
import Foundation

public enum ExecutableScript {
    /// Writes `text` as an executable file at `path`. The file is installed by `install(1)`, so this
    /// process never has it open for writing: a child another test spawns at that moment would inherit
    /// such a descriptor, and running the script would then fail with ETXTBSY ("text file busy").
    public static func install(_ text: String, at path: String) throws {
        let source = path + ".source"
        defer { unlink(source) }
        guard FileManager.default.createFile(atPath: source, contents: Data(text.utf8)) else {
            throw HarnessError(message: "cannot write \(source)")
        }
        let result = try ChildProcess.run("/usr/bin/install", ["-m", "0755", source, path])
        guard result.status == 0 else { throw HarnessError(message: "install could not write \(path)") }
    }
}
