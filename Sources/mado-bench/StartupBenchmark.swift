// SPDX-License-Identifier: Apache-2.0
// Issue 2: how fast madod comes up on a new database, how little it holds while idle, how fast it stops.
import Glibc

/// Cold start to READY=1 (a fresh state directory each run), idle RSS after one quiet second, and
/// SIGTERM to exit. systemd waits for READY=1 before starting what depends on madod, so that is
/// the figure a technician waits for after `systemctl restart madod`.
struct StartupBenchmark: Benchmark {
    let name = "startup"
    let summary =
        "cold start to READY=1 (goal < 300 ms), idle RSS (goal < 30 MB), SIGTERM to exit (goal < 5 s, as docs/operations.md promises); 10 runs"
    var runs = 10
    var idleSeconds = 1.0

    func run(_ context: BenchContext, into result: inout BenchmarkResult) throws(BenchError) {
        var ready: [Double] = []
        var memory: [DaemonProcess.Memory] = []
        var exit: [Double] = []
        for run in 1...runs {
            let session = try DaemonSession(madod: context.madod, directory: context.sessionDirectory("startup-\(run)"))
            defer { session.cleanUp(keepFiles: context.keepFiles) }
            ready.append(try session.start())
            usleep(UInt32(idleSeconds * 1_000_000))
            memory.append(try session.process!.memory())
            exit.append(try session.stop())
        }
        let readyTimes = Samples(ready)
        let exitTimes = Samples(exit)
        let note = "median of \(runs)"
        // MB as /proc counts them: /proc/PID/status reports kB of 1,024 bytes.
        let megabyte = 1_048_576.0
        result.add(
            "startup",
            Metric(
                key: "coldStartToReadyMedianMs", label: "cold start to READY", value: readyTimes.median * 1000,
                unit: .milliseconds, note: note, goal: .below(300)),
            Metric(key: "coldStartToReadyMaxMs", label: "max", value: readyTimes.max * 1000, unit: .milliseconds),
            Metric(
                key: "idleRSSMB", label: "idle RSS", value: Samples(memory.map(\.resident)).median / megabyte,
                unit: .megabytes, note: "after \(idleSeconds.formatted1) s idle, \(note)", goal: .below(30)))
        // Most of the RSS is shared libraries' code; the split says whether madod or its libraries hold it.
        result.add(
            "startup: idle RSS split",
            Metric(
                key: "idleRSSAnonymousMB", label: "anonymous (heap, stacks)",
                value: Samples(memory.map(\.anonymous)).median / megabyte, unit: .megabytes),
            Metric(
                key: "idleRSSFileMB", label: "file-backed (libraries)",
                value: Samples(memory.map(\.file)).median / megabyte, unit: .megabytes),
            Metric(
                key: "peakRSSMB", label: "peak RSS", value: Samples(memory.map(\.peak)).max / megabyte,
                unit: .megabytes, note: "max of \(runs)"))
        result.add(
            "startup",
            Metric(
                key: "sigtermToExitMedianMs", label: "SIGTERM to exit", value: exitTimes.median * 1000,
                unit: .milliseconds, note: note, goal: .below(5000)),
            Metric(key: "sigtermToExitMaxMs", label: "max", value: exitTimes.max * 1000, unit: .milliseconds))
    }
}

extension Double {
    /// "1" for 1.0, "0.5" for 0.5: durations in notes.
    var formatted1: String {
        self == rounded() ? String(Int(self)) : String((self * 10).rounded() / 10)
    }
}
