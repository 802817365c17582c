// SPDX-License-Identifier: Apache-2.0
// Listening and connecting Unix stream sockets for the admin interface, without NIO.
import CSysShims
import Glibc

/// Unix-domain stream sockets. Descriptors returned here are raw and owned by the caller, who closes them.
public enum UnixSocket {
    /// Creates, binds and listens on a stream socket at `path`, and returns the listening descriptor
    /// (SOCK_CLOEXEC, blocking; see `setNonBlocking` for use with a read source). An `@name` path is an
    /// abstract-namespace socket, for which `mode` and `group` do not apply.
    ///
    /// A file already at `path` is removed only if it is a socket nobody listens on any more (left by a
    /// crash). A socket that still accepts connections means another daemon is running: EADDRINUSE. Any
    /// other kind of file is refused and left alone. The socket gets `mode` and, when given, `group`
    /// before `listen`, so no client can connect while the permissions are still the umask's.
    /// The corresponding C functions are `socket`, `bind`, `chmod`, `chown` and `listen`.
    public static func listen(
        path: String, mode: UInt32 = 0o660, group: UInt32? = nil, backlog: Int32 = 64
    ) throws(SystemError) -> Int32 {
        let address = try UnixSocketAddress(path, call: "bind")
        // An abstract name has no file: nothing stale to remove, no permissions to set.
        let isFile = !path.hasPrefix("@")
        if isFile { try removeStaleSocket(at: path) }
        let fd = try makeSocket(detail: path)
        do throws(SystemError) {
            let bound = address.withSocketAddress { Glibc.bind(fd, $0, $1) }
            guard bound == 0 else { throw SystemError.last("bind", path) }
            do throws(SystemError) {
                if isFile {
                    guard chmod(path, mode_t(mode)) == 0 else { throw SystemError.last("chmod", path) }
                    if let group {
                        guard chown(path, uid_t.max, gid_t(group)) == 0 else {
                            throw SystemError.last("chown", "\(path) to group \(group)")
                        }
                    }
                }
                guard Glibc.listen(fd, backlog) == 0 else { throw SystemError.last("listen", path) }
            } catch {
                if isFile { unlink(path) }
                throw error
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Connects a stream socket to `path` (or an `@abstract` name) and returns the descriptor.
    /// ENOENT or ECONNREFUSED here usually mean the daemon is not running.
    /// The corresponding C function is `connect`.
    public static func connect(path: String) throws(SystemError) -> Int32 {
        let address = try UnixSocketAddress(path, call: "connect")
        let fd = try makeSocket(detail: path)
        let connected = address.withSocketAddress { Glibc.connect(fd, $0, $1) }
        guard connected == 0 else {
            let error = SystemError.last("connect", path)
            close(fd)
            throw error
        }
        return fd
    }

    /// Accepts one connection on a listening descriptor (SOCK_CLOEXEC). Returns nil when the listener is
    /// non-blocking and nobody is waiting (EAGAIN), or when the client gave up before we got to it.
    /// The corresponding C function is `accept4`.
    public static func accept(_ listener: Int32) throws(SystemError) -> Int32? {
        while true {
            let fd = mado_accept_cloexec(listener)
            if fd >= 0 { return fd }
            switch Glibc.errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK, ECONNABORTED: return nil
            default: throw SystemError.last("accept", "a connection on the admin socket")
            }
        }
    }

    /// Sets O_NONBLOCK, as a descriptor watched by a DispatchSourceRead needs.
    /// The corresponding C function is `fcntl`.
    public static func setNonBlocking(_ fd: Int32) throws(SystemError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw SystemError.last("fcntl", "O_NONBLOCK on descriptor \(fd)")
        }
    }

    private static func makeSocket(detail: String) throws(SystemError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError.last("socket", detail) }
        return fd
    }

    /// Removes a socket file left by a previous run; refuses anything that is not a dead socket.
    private static func removeStaleSocket(at path: String) throws(SystemError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if Glibc.errno == ENOENT { return }
            throw SystemError.last("stat", path)
        }
        guard mado_is_socket_mode(UInt32(info.st_mode)) == 1 else {
            throw SystemError(
                call: "bind", errno: EEXIST, detail: path,
                reason: "the path exists and is not a socket; remove it or choose another socket path")
        }
        // A live socket belongs to a running daemon: taking its path over would cut it off from its clients.
        // Only ECONNREFUSED proves nobody listens; any other failure (EACCES...) leaves the question open.
        do throws(SystemError) {
            close(try connect(path: path))
            throw SystemError(
                call: "bind", errno: EADDRINUSE, detail: path,
                reason: "another process is listening on this socket (is madod already running?)")
        } catch  where error.call == "connect" && (error.errno == ECONNREFUSED || error.errno == ENOENT) {
            // Stale: fall through and remove it.
        } catch  where error.call == "connect" {
            throw SystemError(
                call: "bind", errno: error.errno, detail: path,
                reason: "a socket is already there and cannot be checked (\(error.errnoText)); remove it by hand")
        }
        guard unlink(path) == 0 || Glibc.errno == ENOENT else {
            throw SystemError.last("remove stale socket", path)
        }
    }
}
