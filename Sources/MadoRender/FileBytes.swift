// SPDX-License-Identifier: Apache-2.0
// Whole-file reads and atomic writes with errno's own words, for messages a technician can act on.
internal import Glibc

/// Foundation on Linux reports a missing file as "The operation could not be completed"; these say
/// "No such file or directory" or "Permission denied", as the shell would.
enum FileBytes {
    /// The file's bytes, or the reason it cannot be read (strerror text).
    static func read(_ path: String) -> Result<[UInt8], FileFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(FileFailure()) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .failure(FileFailure()) }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
        }
    }

    /// Writes `bytes` to a temp file beside `path` and renames it over `path`, so a reader never sees half
    /// a file.
    static func write(_ bytes: [UInt8], to path: String) -> FileFailure? {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return FileFailure() }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let failure = FileFailure()
                close(descriptor)
                unlink(temporary)
                return failure
            }
            offset += written
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let failure = FileFailure()
            unlink(temporary)
            return failure
        }
        return nil
    }
}

/// errno at the moment of a failed call, in words.
struct FileFailure: Error {
    let reason: String

    init() { reason = String(cString: strerror(errno)) }
}
