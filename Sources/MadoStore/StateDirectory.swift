// SPDX-License-Identifier: Apache-2.0
// StateDirectory: the database's parent directory, created private (0700) when missing.
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The directory holding the database, its -wal and -shm files. It holds residents' data, so when
/// madod creates it, only its owner may enter it. An existing directory is left as the administrator
/// (or systemd's `StateDirectory=`) made it; its mode is reported in `StoreStatus` instead.
enum StateDirectory {
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// Creates the database's parent directory with mode 0700 if it does not exist. Only the last
    /// component is created: making `/var/lib` on the way would be wrong, and a missing grandparent
    /// means a mistyped path.
    static func prepare(forDatabaseAt path: String) throws(StoreError) {
        let directory = parent(of: path)
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError(
                    kind: .open, message: "cannot use \(directory) as the state directory: it is not a directory")
            }
            return
        }
        let statError = errno
        guard statError == ENOENT else {
            throw StoreError(
                kind: .open, code: 0,
                message: "cannot inspect state directory \(directory): \(describe(statError))")
        }
        guard mkdir(directory, 0o700) == 0 else {
            let mkdirError = errno
            if mkdirError == EEXIST { return }  // made by someone else between stat and mkdir
            throw StoreError(
                kind: .open,
                message: "cannot create state directory \(directory): \(describe(mkdirError)); create it "
                    + "(mode 0700, owned by the user madod runs as) or fix the database path")
        }
        // The umask can only remove permission bits, but a strange umask could remove the owner's own.
        _ = chmod(directory, 0o700)
    }

    /// The permission bits of `path` in octal ("0700"), or "" when it cannot be read.
    static func mode(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "" }
        let octal = String(UInt32(info.st_mode) & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - octal.count)) + octal
    }

    /// The size of a file in bytes, 0 when it does not exist (a WAL file after a clean close).
    static func size(of path: String) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int64(info.st_size)
    }

    private static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}
