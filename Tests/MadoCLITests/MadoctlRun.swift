// SPDX-License-Identifier: Apache-2.0
// Runs madoctl in-process exactly as the executable does, capturing stdout, stderr and the exit status.
import Foundation
import MadoCLI

struct MadoctlRun {
    let status: Int32
    let stdout: String
    let stderr: String

    init(_ arguments: [String], environment: [String: String] = [:], isTerminal: Bool = false) {
        let output = BufferedOutput()
        let errors = BufferedOutput()
        status = Madoctl.main(
            arguments: arguments, environment: environment, output: output, errors: errors, isTerminal: isTerminal,
            timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        stdout = output.text
        stderr = errors.text
    }
}
