// SPDX-License-Identifier: Apache-2.0
// Log lines to fd 2 with a syslog "<N>" prefix, the format journald parses when it captures stderr.
import Glibc

/// Writes `<N>line\n` to standard error with a single write(2), so lines written concurrently by several
/// threads never interleave (a pipe write of up to PIPE_BUF bytes is atomic, and journald's stream socket
/// gets whole lines in practice).
///
/// It writes to the descriptor, never to the C `stderr` FILE, which Swift 6 cannot touch on Linux.
public struct StandardErrorLogHandler: LogHandler {
    private let descriptor: Int32

    public init() {
        descriptor = STDERR_FILENO
    }

    /// Writes to `descriptor` instead of fd 2 (a pipe in tests). The descriptor is not closed by the handler.
    public init(writingTo descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ priority: LogPriority, _ line: String) {
        var bytes = Array("<\(priority.rawValue)>\(line)\n".utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && Glibc.errno == EINTR {
                    continue
                } else {
                    return  // Nowhere to report a failure to log; dropping the line is all we can do.
                }
            }
        }
    }
}
