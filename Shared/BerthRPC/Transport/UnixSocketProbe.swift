#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking `connect(2)` to a Unix socket path that is closed at once: does anything answer there?
///
/// Used before binding (is another server alive on this path?) and by the client while a service starts (is it
/// up yet?). It sends no bytes, so it can never run an RPC. Connecting to a local socket does not block on the
/// peer (the kernel completes it or refuses at once), so calling it from async code is fine.
enum UnixSocketProbe {
    enum Outcome: Equatable, Sendable {
        /// A server accepted the connection.
        case listening
        /// No file at the path (ENOENT).
        case missing
        /// A socket file with no server behind it (ECONNREFUSED): stale, or a server still starting.
        case refused
        /// The caller may not connect (EACCES/EPERM): a permission problem, not a timing one.
        case permissionDenied
        /// Anything else, with errno.
        case failed(Int32)
    }

    static func probe(path: String) -> Outcome {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return .failed(errno) }
        defer { close(fd) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < capacity else { return .failed(ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result == 0 { return .listening }
        switch errno {
        case ENOENT: return .missing
        case ECONNREFUSED: return .refused
        case EACCES, EPERM: return .permissionDenied
        case let other: return .failed(other)
        }
    }

    /// Describes an errno for a message a person reads.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
