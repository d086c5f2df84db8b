#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's socket file on disk: prepare the path before binding, restrict it after, remove it at the end.
struct SocketFile: Sendable {
    let path: String

    /// Creates the directory (0750) when missing, refuses when a live server answers on the path, and removes a
    /// stale socket file. Never removes anything that is not a socket.
    func prepareForBind() throws(RPCTransportError) {
        let directory = Self.directory(of: path)
        try Self.createDirectory(directory)

        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw fail("cannot inspect it: \(UnixSocketProbe.describe(errno: errno))")
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw fail("it exists and is not a socket: move it away or choose another socket path")
        }
        switch UnixSocketProbe.probe(path: path) {
        case .listening:
            throw RPCTransportError(
                code: .alreadyRunning,
                message: "another server is already listening on \(path): stop it first (or choose another socket path)")
        case .refused, .missing:
            // Stale: left behind by a server that died without cleaning up.
            guard unlink(path) == 0 || errno == ENOENT else {
                throw fail("cannot remove the stale socket file: \(UnixSocketProbe.describe(errno: errno))")
            }
        case .permissionDenied:
            throw fail("permission denied: run the service as a user that owns the socket directory")
        case .failed(let code):
            throw fail(UnixSocketProbe.describe(errno: code))
        }
    }

    /// Restricts the bound socket to owner and group (0660): the group (`berth`) is who may connect.
    func restrictPermissions() throws(RPCTransportError) {
        guard chmod(path, 0o660) == 0 else {
            throw fail("cannot chmod 0660: \(UnixSocketProbe.describe(errno: errno))")
        }
    }

    /// The inode of the socket file now, to recognise our own file at removal time.
    func currentInode() -> UInt64? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// Removes the socket file if it is still the one we bound (a newer server may own the path by now).
    func remove(ifInode inode: UInt64?) {
        guard let inode, currentInode() == inode else { return }
        unlink(path)
    }

    private func fail(_ problem: String) -> RPCTransportError {
        RPCTransportError(code: .socketPath, message: "socket path \(path): \(problem)")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// `mkdir -p` with 0750 for each directory it creates; existing directories keep their mode.
    private static func createDirectory(_ directory: String) throws(RPCTransportError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw RPCTransportError(
                    code: .socketPath, message: "socket directory \(directory) is not a directory: choose another socket path")
            }
            return
        }
        let parent = Self.directory(of: directory)
        if parent != directory { try createDirectory(parent) }
        guard mkdir(directory, 0o750) == 0 || errno == EEXIST else {
            throw RPCTransportError(
                code: .socketPath,
                message: "cannot create socket directory \(directory): \(UnixSocketProbe.describe(errno: errno))")
        }
        // mkdir applies the umask; set the mode we mean.
        chmod(directory, 0o750)
    }
}
