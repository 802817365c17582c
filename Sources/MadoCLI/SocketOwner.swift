// SPDX-License-Identifier: Apache-2.0
// Who may use the admin socket: its owning group, named in the "permission denied" advice.
internal import Glibc

/// Looks up the group that owns a socket file, to tell the technician which group to join.
enum SocketOwner {
    /// The group name owning `path`, or nil when it cannot be read.
    static func groupName(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getgrgid_r(info.st_gid, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.gr_name else { return nil }
        return String(cString: name)
    }
}
