// SPDX-License-Identifier: Apache-2.0
// A suite trait: each test of the suite runs on a thread of its own, never on the cooperative pool.
import Foundation
public import Testing

/// Runs each test (each case of a parameterized test) on a `DedicatedThreadExecutor`, at most
/// `TestSlots.shared` of them at once, and names a test that runs for longer than `runTimeLimit`.
///
/// Unstructured tasks the test starts (a server's request handlers, a service's loop) still run on
/// the cooperative pool, which blocking tests no longer hold; structured child tasks follow the test.
public struct OwnThreadTrait: SuiteTrait, TestTrait, TestScoping {
    /// Counted from when the test gets its slot, unlike Swift Testing's `.timeLimit`, which would
    /// also count the wait for a slot. A test that blocks past it is reported, not stopped: no
    /// thread can be stopped from outside, so the run's own timeout (the Makefile's) ends it.
    public static let runTimeLimit: Duration = .seconds(300)

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil, !test.isSuite else { return try await function() }
        await TestSlots.shared.acquire()
        let executor = DedicatedThreadExecutor(name: "test: \(test.name)")
        defer {
            executor.finish()
            Task { await TestSlots.shared.release() }
        }
        // An unstructured task inherits the test's task-locals, so the issue is the test's own.
        let watchdog = Task {
            try await Task.sleep(for: Self.runTimeLimit)
            let message = "\(test.name) has run for over \(Self.runTimeLimit) and is probably stuck"
            FileHandle.standardError.write(Data("OwnThreadTrait: \(message)\n".utf8))
            Issue.record(Comment(rawValue: message))
        }
        defer { watchdog.cancel() }
        try await withTaskExecutorPreference(executor) { try await function() }
    }
}

extension Trait where Self == OwnThreadTrait {
    /// Each test runs on a thread of its own (see `OwnThreadTrait`).
    public static var ownThread: Self { Self() }
}
