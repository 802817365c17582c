// SPDX-License-Identifier: Apache-2.0
// Signals sent to our own process arrive on the stream.
import Glibc
import MadoSystem
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct SignalStreamTests {
    @Test func deliversRaisedSignalsInOrder() async throws {
        let signals = await SignalStream.make([SIGHUP, SIGUSR1])
        var iterator = signals.makeAsyncIterator()
        // Different signals pending at once have no defined order in Unix, so each is awaited before the next.
        for signal in [SIGHUP, SIGUSR1, SIGUSR1, SIGHUP] {
            kill(getpid(), signal)
            #expect(await iterator.next() == signal)
        }
    }

    @Test func aSignalIgnoredBeforehandIsStillDelivered() async throws {
        // The daemon ignores SIGHUP during start-up (a reload before it is running is moot, and the default
        // action would kill it); once the stream exists, SIGHUP must reach it.
        ignoreSignals([SIGUSR2])
        let signals = await SignalStream.make([SIGUSR2])
        var iterator = signals.makeAsyncIterator()
        kill(getpid(), SIGUSR2)
        #expect(await iterator.next() == SIGUSR2)
    }
}

@Suite(.ownThread) struct ProcessInfoLiteTests {
    @Test func environmentAndPidMatchLibc() {
        #expect(ProcessInfoLite.pid == getpid())
        let environment = ProcessInfoLite.environment
        #expect(environment["PATH"] == getenv("PATH").map { String(cString: $0) })
        #expect(!environment.isEmpty)
    }

    @Test func residentMemoryIsPlausible() {
        let bytes = residentMemoryBytes()
        #expect(bytes > 1 << 20 && bytes < 1 << 34)
    }
}
