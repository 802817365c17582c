// SPDX-License-Identifier: Apache-2.0
// Users and groups by name (NSS: /etc/passwd, /etc/group, LDAP...), and the admin-group check.
import CSysShims
import Glibc

/// Look-ups in the system user and group databases.
public enum UserDatabase {
    /// The gid of group `named`, or nil when there is no such group.
    /// The corresponding C function is `getgrnam_r`.
    public static func groupID(named name: String) -> UInt32? {
        withGrowingBuffer { buffer in
            var group = Glibc.group()
            var found: UnsafeMutablePointer<Glibc.group>?
            let rc = getgrnam_r(name, &group, buffer.baseAddress, buffer.count, &found)
            return (rc, found == nil ? nil : group.gr_gid)
        }
    }

    /// The uid of user `named`, or nil when there is no such user.
    /// The corresponding C function is `getpwnam_r`.
    public static func userID(named name: String) -> UInt32? {
        withGrowingBuffer { buffer in
            var user = passwd()
            var found: UnsafeMutablePointer<passwd>?
            let rc = getpwnam_r(name, &user, buffer.baseAddress!, buffer.count, &found)
            return (rc, found == nil ? nil : user.pw_uid)
        }
    }

    /// Whether `peer` may use admin requests: root always; otherwise a member of group `gid`, either as
    /// the peer's primary group or as a supplementary group in the group database (getgrouplist). With no
    /// admin group configured, only root is an admin.
    public static func isAdmin(_ peer: PeerCredentials, adminGroup gid: UInt32?) -> Bool {
        if peer.uid == 0 { return true }
        guard let gid else { return false }
        if peer.gid == gid { return true }
        return mado_user_in_group(peer.uid, peer.gid, gid) == 1
    }

    /// Runs a *_r look-up with a scratch buffer, growing it while the call reports ERANGE.
    private static func withGrowingBuffer<Value>(
        _ lookUp: (UnsafeMutableBufferPointer<CChar>) -> (Int32, Value?)
    ) -> Value? {
        var size = 4096
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let (status, result) = buffer.withUnsafeMutableBufferPointer { lookUp($0) }
            if status == ERANGE {
                size *= 4
                continue
            }
            return status == 0 ? result : nil
        }
        return nil
    }
}
