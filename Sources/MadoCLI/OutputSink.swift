// SPDX-License-Identifier: Apache-2.0
// Where madoctl writes: stdout and stderr through write(2), or a buffer in tests.
public import Foundation
internal import Glibc

/// A byte destination for command output.
public protocol OutputSink: AnyObject {
    func write(_ bytes: Data)
}

extension OutputSink {
    public func write(_ text: String) { write(Data(text.utf8)) }
}

/// A file descriptor written with write(2). The `stdout`/`stderr` FILE globals are not used because
/// Swift 6 on Linux refuses them as shared mutable state.
public final class FileDescriptorOutput: OutputSink {
    public let descriptor: Int32

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public static func standardOutput() -> FileDescriptorOutput { FileDescriptorOutput(descriptor: STDOUT_FILENO) }
    public static func standardError() -> FileDescriptorOutput { FileDescriptorOutput(descriptor: STDERR_FILENO) }

    public var isTerminal: Bool { isatty(descriptor) == 1 }

    public func write(_ bytes: Data) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                // A closed pipe or full disk leaves nothing useful to do with the rest of the output.
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// Output kept in memory (tests, and composing a redraw before it is shown at once).
public final class BufferedOutput: OutputSink {
    public private(set) var data = Data()

    public init() {}

    public func write(_ bytes: Data) { data.append(bytes) }

    public var text: String { String(decoding: data, as: UTF8.self) }
}
