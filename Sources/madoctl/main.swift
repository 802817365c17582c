// SPDX-License-Identifier: Apache-2.0
// madoctl: the technician's command-line client for madod (all logic lives in MadoCLI).
import Foundation
import MadoCLI

let standardOutput = FileDescriptorOutput.standardOutput()
exit(
    Madoctl.main(
        arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
        output: standardOutput, errors: FileDescriptorOutput.standardError(), isTerminal: standardOutput.isTerminal))
