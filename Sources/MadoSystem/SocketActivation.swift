// SPDX-License-Identifier: Apache-2.0
// Sockets handed over by systemd (a .socket unit), read from LISTEN_PID / LISTEN_FDS / LISTEN_FDNAMES.

/// systemd's socket-activation protocol, without libsystemd (see sd_listen_fds(3)).
public enum SocketActivation {
    /// The first descriptor systemd passes (SD_LISTEN_FDS_START).
    public static let firstDescriptor: Int32 = 3

    /// Descriptors passed by systemd: `LISTEN_FDS` of them starting at fd 3, provided `LISTEN_PID` is
    /// `pid` (the variables are inherited by children, which must not adopt their parent's sockets).
    /// Names come from the colon-separated `LISTEN_FDNAMES` (the units' `FileDescriptorName=`); they are
    /// nil when that variable is missing or does not have one name per descriptor.
    /// Empty when the process was not socket-activated. Nothing is done to the descriptors themselves.
    public static func descriptors(environment: [String: String], pid: Int32) -> [(fd: Int32, name: String?)] {
        guard let listenPID = environment["LISTEN_PID"].flatMap({ Int32($0) }), listenPID == pid,
            let count = environment["LISTEN_FDS"].flatMap({ Int32($0) }), count > 0,
            count <= Int32.max - firstDescriptor
        else { return [] }
        let names = environment["LISTEN_FDNAMES"].map { $0.split(separator: ":", omittingEmptySubsequences: false) }
        let usableNames = names?.count == Int(count) ? names : nil
        return (0..<count).map { index in
            (fd: firstDescriptor + index, name: usableNames.map { String($0[Int(index)]) })
        }
    }
}
