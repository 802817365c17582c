// SPDX-License-Identifier: Apache-2.0
// mado-bench: runs the benchmarks named on the command line against the madod beside it.
import Foundation
import Glibc

func printError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

let invocation: BenchInvocation
do {
    invocation = try BenchInvocation.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    printError("Error: \(error.message)\n\(BenchInvocation.usage)\nSee 'mado-bench --help'.")
    exit(64)
}
if invocation.showHelp {
    print(BenchInvocation.help, terminator: "")
    exit(0)
}

let ownDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
let madod = invocation.madod ?? ownDirectory.appendingPathComponent("madod").path
guard access(madod, X_OK) == 0 else {
    printError(
        "Error: cannot run \(madod): \(String(cString: strerror(errno))); build it first (swift build -c release)")
    exit(69)
}

#if DEBUG
let build = "debug"
printError("mado-bench: warning: this is a debug build; figures mean nothing for production (use -c release)")
#else
let build = "release"
#endif

ChildProcesses.installSignalCleanup()
let parent = invocation.directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
var template = Array((parent + "/mado-bench-XXXXXX").utf8CString)
guard mkdtemp(&template) != nil else {
    printError("Error: cannot create a temp directory in \(parent): \(String(cString: strerror(errno)))")
    exit(73)
}
let temporaryRoot = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
if !invocation.keepFiles { ChildProcesses.setTemporaryRoot(temporaryRoot) }
let context = BenchContext(madod: madod, temporaryRoot: temporaryRoot, keepFiles: invocation.keepFiles)

let filesystem = ScratchFilesystem.name(of: temporaryRoot)
if ScratchFilesystem.isMemoryBacked(filesystem) && !invocation.json {
    printError(
        "mado-bench: warning: \(parent) is a \(filesystem): commits skip the disk, so latencies look better than "
            + "on /var/lib/mado (use --dir)")
}
var report = BenchReport(
    build: build, madod: madod, processors: ProcessInfo.processInfo.activeProcessorCount,
    scratchFilesystem: filesystem)
for benchmark in invocation.benchmarks {
    var result = BenchmarkResult(name: benchmark.name)
    let started = MonotonicClock.seconds()
    do {
        try benchmark.run(context, into: &result)
    } catch {
        result.error = error.description
    }
    result.seconds = MonotonicClock.seconds() - started
    report.benchmarks.append(result)
    if !invocation.json {
        for line in BenchReport.lines(of: result) { print(line) }
        fflush(nil)
    }
}
ChildProcesses.killAll()
if invocation.json {
    print(report.json())
} else {
    print("mado-bench: \(report.summary) (\(build) build, \(report.processors) CPUs, stores on \(filesystem))")
    if invocation.keepFiles { print("mado-bench: files kept in \(temporaryRoot)") }
}
exit(report.exitStatus)
