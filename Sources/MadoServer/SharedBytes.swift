// SPDX-License-Identifier: Apache-2.0
// An immutable byte buffer that answers may share without copying (the busiest lists are megabytes).
public import Foundation

/// Bytes written once and then only read, held in memory this class owns: libmicrohttpd can send
/// them without its own copy, holding a reference until the answer is sent, and a cached answer
/// serves every reader from the same buffer.
public final class SharedBytes: @unchecked Sendable {
    // @unchecked: the buffer is filled in init and never written again.
    let buffer: UnsafeMutableRawBufferPointer

    public init(_ bytes: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        bytes.withUnsafeBytes { source in buffer.copyMemory(from: source) }
        self.buffer = buffer
        count = bytes.count
    }

    public let count: Int

    /// `count` bytes written in place by `fill`, which must write every one of them: for an answer
    /// whose size is known before it is written, without an intermediate array.
    public init(count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, count), alignment: 16)
        fill(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
        self.buffer = buffer
        self.count = count
    }

    /// A copy as Data (tests, callers that need one).
    public var data: Data { Data(bytes: buffer.baseAddress!, count: count) }

    deinit { buffer.deallocate() }
}
