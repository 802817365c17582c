// SPDX-License-Identifier: Apache-2.0
// The admin socket: creation, permissions, stale files, peer credentials and the admin check.
import Glibc
import MadoSystem
import MadoTestThreads
import Testing

@Suite(.ownThread) struct UnixSocketTests {
    @Test func listenCreatesASocketWithModeAndGroup() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        let listener = try UnixSocket.listen(path: path, group: getgid())
        defer { close(listener) }
        var info = stat()
        try #require(lstat(path, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o7777 == 0o660)
        #expect(info.st_gid == getgid())
        #expect(fcntl(listener, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test func connectAndPeerCredentialsShowOurOwnProcess() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        let listener = try UnixSocket.listen(path: path, mode: 0o600)
        defer { close(listener) }
        let client = try UnixSocket.connect(path: path)
        defer { close(client) }
        let server = try #require(try UnixSocket.accept(listener))
        defer { close(server) }
        #expect(fcntl(server, F_GETFD) & FD_CLOEXEC != 0)
        let peer = try PeerCredentials.of(socket: server)
        #expect(peer == PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid()))

        // Bytes really flow over the pair.
        #expect(write(client, "ping", 4) == 4)
        var buffer = [UInt8](repeating: 0, count: 8)
        let count = buffer.withUnsafeMutableBytes { read(server, $0.baseAddress, $0.count) }
        #expect(String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "ping")
    }

    @Test func nonBlockingAcceptWithNobodyWaitingGivesNil() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let listener = try UnixSocket.listen(path: directory.file("admin.sock"))
        defer { close(listener) }
        try UnixSocket.setNonBlocking(listener)
        #expect(try UnixSocket.accept(listener) == nil)
    }

    @Test func replacesAStaleSocketLeftByACrash() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        close(try UnixSocket.listen(path: path))  // closed without unlink: the file stays, nobody listens
        var info = stat()
        try #require(lstat(path, &info) == 0)

        let listener = try UnixSocket.listen(path: path)
        defer { close(listener) }
        let client = try UnixSocket.connect(path: path)
        close(client)
    }

    @Test func refusesToTakeOverASocketSomeoneListensOn() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        let running = try UnixSocket.listen(path: path)
        defer { close(running) }
        #expect {
            _ = try UnixSocket.listen(path: path)
        } throws: { error in
            (error as? SystemError)?.errno == EADDRINUSE && "\(error)".contains(path)
        }
        // The running daemon still has its socket.
        let client = try UnixSocket.connect(path: path)
        close(client)
    }

    @Test func refusesARegularFileAndLeavesItIntact() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        try #require(fd >= 0)
        #expect(write(fd, "keep me", 7) == 7)
        close(fd)

        #expect {
            _ = try UnixSocket.listen(path: path)
        } throws: { error in
            "\(error)"
                == "cannot bind \(path): the path exists and is not a socket; remove it or choose another socket path"
        }
        var info = stat()
        try #require(lstat(path, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFREG)
        #expect(info.st_size == 7)
    }

    @Test func tooLongPathIsRefusedBeforeTouchingAnything() {
        let path = "/tmp/" + String(repeating: "x", count: 120)
        #expect {
            _ = try UnixSocket.listen(path: path)
        } throws: { error in
            (error as? SystemError)?.errno == ENAMETOOLONG && "\(error)".contains("limit is 107")
        }
    }

    @Test func connectToAMissingSocketSaysWhereItLooked() {
        #expect {
            _ = try UnixSocket.connect(path: "/nonexistent/mado/admin.sock")
        } throws: { error in
            "\(error)" == "cannot connect to /nonexistent/mado/admin.sock: No such file or directory"
        }
    }
}

@Suite(.ownThread) struct AdminCheckTests {
    @Test func rootIsAlwaysAdmin() {
        #expect(UserDatabase.isAdmin(PeerCredentials(pid: 1, uid: 0, gid: 0), adminGroup: nil))
        #expect(UserDatabase.isAdmin(PeerCredentials(pid: 1, uid: 0, gid: 0), adminGroup: 4242))
    }

    @Test func primaryGroupMemberIsAdmin() {
        // uid 54321 need not exist: the kernel-reported primary gid is enough.
        #expect(UserDatabase.isAdmin(PeerCredentials(pid: 99, uid: 54321, gid: 4242), adminGroup: 4242))
    }

    @Test func nonMemberIsRefused() throws {
        let nobody = try #require(UserDatabase.userID(named: "nobody"))
        let root = try #require(UserDatabase.groupID(named: "root"))
        #expect(root == 0)
        #expect(!UserDatabase.isAdmin(PeerCredentials(pid: 99, uid: nobody, gid: 65534), adminGroup: root))
        // Unknown user, other primary group: refused, not trusted.
        #expect(!UserDatabase.isAdmin(PeerCredentials(pid: 99, uid: 54321, gid: 4242), adminGroup: 4243))
        // No admin group configured: only root.
        #expect(!UserDatabase.isAdmin(PeerCredentials(pid: 99, uid: nobody, gid: 65534), adminGroup: nil))
    }

    @Test(.enabled(if: SupplementaryMembership.find() != nil))
    func supplementaryGroupMemberIsAdmin() throws {
        let membership = try #require(SupplementaryMembership.find())
        let peer = PeerCredentials(pid: 99, uid: membership.uid, gid: membership.primaryGID)
        #expect(UserDatabase.isAdmin(peer, adminGroup: membership.gid))
    }

    @Test func unknownNamesGiveNil() {
        #expect(UserDatabase.groupID(named: "mado-no-such-group") == nil)
        #expect(UserDatabase.userID(named: "mado-no-such-user") == nil)
    }
}

/// A user listed as a supplementary member of a group that is not their primary group, from the group
/// database of the machine running the tests (e.g. Debian's saned in group scanner).
struct SupplementaryMembership {
    let uid: UInt32
    let primaryGID: UInt32
    let gid: UInt32

    static func find() -> SupplementaryMembership? {
        setgrent()
        defer { endgrent() }
        while let group = getgrent() {
            var member = group.pointee.gr_mem
            while let name = member?.pointee {
                if let user = getpwnam(name), user.pointee.pw_gid != group.pointee.gr_gid {
                    return SupplementaryMembership(
                        uid: user.pointee.pw_uid, primaryGID: user.pointee.pw_gid, gid: group.pointee.gr_gid)
                }
                member = member?.advanced(by: 1)
            }
        }
        return nil
    }
}

@Suite(.ownThread) struct AbstractSocketTests {
    @Test func listensAndConnectsOnAnAbstractName() throws {
        let name = "@mado-test-admin-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let listener = try UnixSocket.listen(path: name)
        defer { close(listener) }
        let client = try UnixSocket.connect(path: name)
        defer { close(client) }
        let server = try #require(try UnixSocket.accept(listener))
        defer { close(server) }
        #expect(try PeerCredentials.of(socket: server).pid == getpid())
    }
}
