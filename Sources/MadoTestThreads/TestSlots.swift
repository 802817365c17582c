// SPDX-License-Identifier: Apache-2.0
// How many tests run at once once each has a thread of its own.
import Foundation

/// A counting gate for tests. The cooperative pool used to limit how many tests ran at once; a test
/// on its own thread no longer takes a pool thread, so without this every test would start at once
/// (hundreds of daemons, printers and CUPS peers together).
public actor TestSlots {
    /// Three tests per core: most of them wait on a device or a daemon most of the time.
    public static let shared = TestSlots(count: max(4, 3 * ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(count: Int) { free = count }

    public func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    public func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            // The slot passes straight to the longest waiter.
            waiting.removeFirst().resume()
        }
    }
}
