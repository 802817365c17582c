// SPDX-License-Identifier: Apache-2.0
// Who is on the other end of a Unix socket, as the kernel vouches for it (SO_PEERCRED).
import CSysShims
import Glibc

/// The process, user and primary group of a connected socket's peer, taken at connect time.
public struct PeerCredentials: Sendable, Equatable {
    public let pid: Int32
    public let uid: UInt32
    public let gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// The credentials of the peer of connected socket `fd`.
    /// The corresponding C call is `getsockopt(SO_PEERCRED)`.
    public static func of(socket fd: Int32) throws(SystemError) -> PeerCredentials {
        var pid: pid_t = 0
        var uid: uid_t = 0
        var gid: gid_t = 0
        guard mado_peer_credentials(fd, &pid, &uid, &gid) == 0 else {
            throw SystemError.last("read peer credentials of", "descriptor \(fd)")
        }
        return PeerCredentials(pid: pid, uid: uid, gid: gid)
    }
}
