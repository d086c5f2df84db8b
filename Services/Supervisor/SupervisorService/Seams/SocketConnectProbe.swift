#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serving means: a `connect()` to the child's Unix socket succeeds, i.e. something listens there.
///
/// The interim probe until the gRPC health probe is wired; it is also what the tests use. A stale socket file
/// left by a crashed child answers ECONNREFUSED, so it does not count as serving. The socket is non-blocking:
/// a listener whose backlog is full (it stopped accepting) answers EAGAIN at once instead of parking a thread
/// of the cooperative pool, and counts as not serving.
public struct SocketConnectProbe: ReadinessProbe {
    public init() {}

    public func isServing(_ child: ChildSpec) async -> Bool {
        Self.canConnect(toUnixSocket: child.socketPath)
    }

    static func canConnect(toUnixSocket path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
            buffer[pathBytes.count] = 0
        }
        #if canImport(Glibc)
        let fd = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return false }
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        guard fd >= 0 else { return false }
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        #endif
        defer { close(fd) }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
