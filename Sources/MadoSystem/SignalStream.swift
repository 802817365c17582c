// SPDX-License-Identifier: Apache-2.0
// Unix signals as an AsyncStream, through DispatchSourceSignal (signalfd on Linux).
@preconcurrency import Dispatch
import Glibc

/// Delivers signals to async code: `for await signal in await SignalStream.make([SIGTERM, SIGHUP]) { ... }`.
public enum SignalStream {
    /// Starts watching `signals` and returns once every source is registered, so a signal sent after this
    /// returns is never lost: create the stream before telling systemd READY=1.
    ///
    /// Each delivery is one element. As with any Unix signals, a burst of the same signal may be merged by the
    /// kernel, and different signals pending at the same moment come in no defined order. Ending the
    /// iteration stops watching.
    ///
    /// A signal ignored beforehand (`ignoreSignals([SIGHUP])` during start-up) is still delivered once
    /// watched. But do not ignore SIGTERM or SIGINT: one sent before registration would then be lost instead
    /// of ending the process. Do not install other handlers; libdispatch owns the watched signals.
    public static func make(_ signals: [Int32]) async -> AsyncStream<Int32> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .unbounded)
        // One serial queue for all sources keeps delivery order across different signals.
        let queue = DispatchQueue(label: "mado.signals")
        let sources = SignalSources()
        for signal in signals {
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            let handle = SignalSources.Handle(source: source)
            source.setEventHandler { @Sendable in
                // `data` counts deliveries merged since the last call.
                for _ in 0..<max(1, handle.source.data) { continuation.yield(signal) }
            }
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { @Sendable in registered.resume() }
                source.activate()
            }
            sources.append(handle)
        }
        continuation.onTermination = { @Sendable _ in sources.cancelAll() }
        return stream
    }
}

/// Keeps the signal sources alive for as long as the stream is, and cancels them when it ends.
// @unchecked: `handles` is only appended to inside `make`, before the stream is returned, and read once
// in `cancelAll`, which runs after that (from onTermination); DispatchSource.cancel is thread-safe.
private final class SignalSources: @unchecked Sendable {
    /// A source captured by its own handler. Safe to send: DispatchSource methods are thread-safe.
    struct Handle: @unchecked Sendable {
        let source: any DispatchSourceSignal
    }

    private var handles: [Handle] = []

    func append(_ handle: Handle) { handles.append(handle) }

    func cancelAll() {
        for handle in handles {
            handle.source.setEventHandler(handler: nil)  // breaks the handler -> source retain cycle
            handle.source.cancel()
        }
    }
}

/// Ignores `signals` for the whole process until a `SignalStream` watches them: meant for SIGHUP during
/// start-up, whose default action would kill a daemon that is not yet ready to reload.
/// SIGTERM and SIGINT are refused (a programmer error): ignoring them would make early stops get lost.
public func ignoreSignals(_ signals: [Int32]) {
    for number in signals {
        precondition(number != SIGTERM && number != SIGINT, "SIGTERM and SIGINT must keep their default action")
        signal(number, SIG_IGN)
    }
}

/// Ignores SIGPIPE for the whole process, so writing to a client that hung up fails with EPIPE instead of
/// killing the daemon.
public func ignoreBrokenPipe() {
    signal(SIGPIPE, SIG_IGN)
}
