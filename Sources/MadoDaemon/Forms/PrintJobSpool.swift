// SPDX-License-Identifier: Apache-2.0
// The spool of form PDFs: written and synced before a bundle is acknowledged, deleted once printed.
import Foundation
import Glibc

/// Files `<spool>/<job id>.pdf`, mode 0600 in a 0700 directory: they hold residents' data.
struct PrintJobSpool: Sendable {
    let directory: String

    func path(forJob id: String) -> String { directory + "/" + id + ".pdf" }

    /// Creates the directory (0700) if needed.
    func prepare() throws(PrintJobError) {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw PrintJobError(
                "cannot create the print spool \(directory): \(String(cString: strerror(errno))); "
                    + "check that the state directory exists and belongs to madod's user")
        }
        chmod(directory, 0o700)
    }

    /// Writes `bytes` to a new file and syncs it, so it survives a power cut once this returns. The
    /// directory is synced by `syncDirectory()` once per bundle.
    func write(_ bytes: Data, forJob id: String) throws(PrintJobError) {
        let path = path(forJob: id)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create", path) }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                offset += n
            }
        }
        let error = errno
        guard ok, fsync(fd) == 0 else {
            let reason = String(cString: strerror(ok ? errno : error))
            close(fd)
            unlink(path)
            throw PrintJobError(
                "cannot write the spooled form \(path): \(reason); check free space on the state directory's disk")
        }
        close(fd)
    }

    func syncDirectory() throws(PrintJobError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, fsync(fd) == 0 else {
            if fd >= 0 { close(fd) }
            throw failure("sync", directory)
        }
        close(fd)
    }

    /// Deletes a spooled PDF; a file already gone is fine.
    func remove(_ path: String) {
        unlink(path)
    }

    /// The job ids of the PDFs in the spool last modified more than `age` seconds ago.
    func spooledJobIDs(olderThan age: Double) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let cutoff = time(nil) - Int(age)
        return names.filter { name in
            var info = stat()
            return name.hasSuffix(".pdf") && stat(directory + "/" + name, &info) == 0 && info.st_mtim.tv_sec < cutoff
        }.map { String($0.dropLast(4)) }
    }

    private func failure(_ action: String, _ path: String) -> PrintJobError {
        PrintJobError(
            "cannot \(action) \(path): \(String(cString: strerror(errno))); check the state directory's "
                + "permissions and free space")
    }
}
