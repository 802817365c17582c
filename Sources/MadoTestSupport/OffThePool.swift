// SPDX-License-Identifier: Apache-2.0
// Runs blocking client I/O on its own thread. Tests that talk to an in-process server must not block
// Swift's cooperative pool: the server's handlers need a pool thread to answer (with 2 cores there are
// only 2), so a test blocked in recv() on the pool would wait for an answer that can never be computed.
import Foundation

/// Runs `body` on a new thread and returns its result.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
