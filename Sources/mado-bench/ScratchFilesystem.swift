// SPDX-License-Identifier: Apache-2.0
// Which filesystem the bench's stores live on: on tmpfs an fsync costs nothing, so every figure that
// includes a commit would look better than on the disk /var/lib/mado is on.
import Foundation

enum ScratchFilesystem {
    /// "ext4", "tmpfs", "xfs"… for the filesystem holding `path`: the type of the longest mount
    /// point in /proc/self/mountinfo that contains it (statfs is not in Swift's Glibc module).
    static func name(of path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let table = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return "unknown" }
        var best: (mountPoint: String, type: String)?
        for line in table.split(separator: "\n") {
            // "36 35 98:0 / /mnt rw,noatime shared:1 - ext4 /dev/root rw": field 5 is the mount point,
            // and the type follows the "-" separator.
            let fields = line.split(separator: " ")
            guard fields.count > 4, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count else { continue }
            let mountPoint = fields[4].replacingOccurrences(of: "\\040", with: " ")
            let contains =
                mountPoint == "/" || resolved == mountPoint || resolved.hasPrefix(mountPoint + "/")
            if contains && mountPoint.count >= (best?.mountPoint.count ?? -1) {
                best = (mountPoint, String(fields[dash + 1]))
            }
        }
        return best?.type ?? "unknown"
    }

    static func isMemoryBacked(_ name: String) -> Bool { name == "tmpfs" || name == "ramfs" }
}
