// SPDX-License-Identifier: Apache-2.0
// Every test runs on a thread of its own, so tests that block never starve the cooperative pool.
import Foundation
import MadoTestThreads
import Testing

@Suite(.ownThread) struct OwnThreadTraitTests {
    @Test func aSynchronousTestRunsOnItsOwnNamedThread() {
        #expect(DedicatedThreadExecutor.currentName == "test: aSynchronousTestRunsOnItsOwnNamedThread()")
    }

    @Test(arguments: [1, 2])
    func eachCaseOfAParameterizedTestGetsAThread(number: Int) {
        #expect(DedicatedThreadExecutor.currentName?.hasPrefix("test: eachCaseOfAParameterizedTestGetsAThread") == true)
    }

    @Test func anAsyncTestComesBackToItsThreadAfterAwaiting() async throws {
        try await Task.sleep(for: .milliseconds(10))
        #expect(Self.threadName() == "test: anAsyncTestComesBackToItsThreadAfterAwaiting()")
    }

    /// The trait is only useful if no suite forgets it: one suite left on the pool and blocking is
    /// enough to stall in-process servers in a parallel run on two cores.
    @Test func everySuiteOfEveryTestTargetRunsOnItsOwnThread() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let files = FileManager.default.enumerator(atPath: tests.path)?.compactMap { $0 as? String } ?? []
        var missing: [String] = []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: tests.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("@Suite") && !line.contains(".ownThread") {
                missing.append("\(file): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(files.count > 50)
        #expect(missing.isEmpty, "add .ownThread to: \(missing)")
    }

    private static func threadName() -> String? { DedicatedThreadExecutor.currentName }
}
