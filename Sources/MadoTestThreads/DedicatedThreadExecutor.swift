// SPDX-License-Identifier: Apache-2.0
// A task executor that runs its jobs on one thread of its own, so code that blocks runs off the pool.
import Foundation

/// Runs every job enqueued on it, in order, on a thread that nothing else uses.
///
/// A test that blocks (reading a serial port, waiting for a child process, rendering for seconds)
/// would otherwise block one of the few cooperative-pool threads; on a 2-core machine two such tests
/// leave no thread for the in-process services other tests are waiting on.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs`, `finished` and `running` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false
    private var running = false
    private let name: String

    public init(name: String) {
        self.name = name
        running = true
        startThread()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        // A job that arrives after `finish()` let the thread end still has to run somewhere; decided
        // under the lock, so two such jobs never start two threads.
        let needsThread = !running
        running = true
        condition.signal()
        condition.unlock()
        if needsThread { startThread() }
    }

    /// Lets the thread end once it has run every job enqueued so far.
    public func finish() {
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
    }

    /// Starts the thread that runs the jobs; the caller has set `running`.
    private func startThread() {
        Thread { [self] in runJobs() }.start()
    }

    /// The name of the executor whose thread this is, or nil on any other thread. (Linux threads
    /// inherit their creator's name, so `Thread.current.name` cannot tell.)
    public static var currentName: String? {
        Thread.current.threadDictionary[threadKey] as? String
    }

    private static let threadKey = "mado.dedicated-executor"

    private func runJobs() {
        Thread.current.threadDictionary[Self.threadKey] = name
        while true {
            condition.lock()
            while jobs.isEmpty, !finished { condition.wait() }
            if jobs.isEmpty {
                running = false
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
