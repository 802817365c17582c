// SPDX-License-Identifier: Apache-2.0
// madod: the mado device daemon. Everything lives in MadoDaemon; this is only the entry point.
import Foundation
import MadoDaemon

let status = await DaemonCommand.main(
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
