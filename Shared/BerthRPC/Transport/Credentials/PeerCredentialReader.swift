#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Reads SO_PEERCRED from an accepted Unix socket channel.
enum PeerCredentialReader {
    /// Layout of Linux `struct ucred` (pid_t, uid_t, gid_t): declared here because Glibc only exposes
    /// `struct ucred` under `_GNU_SOURCE`.
    private struct RawUcred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// `SO_PEERCRED` on Linux (asm-generic/socket.h).
    private static let soPeerCred: SocketOptionName = 17

    /// The kernel's credentials for the process that connected `channel`. Fails when the channel is not a
    /// socket (never for channels a ServerBootstrap accepted) or the platform has no SO_PEERCRED.
    static func read(from channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(
                RPCTransportError(
                    code: .peerCredentials,
                    message: "accepted connection is not a socket: cannot read SO_PEERCRED; the connection is refused"))
        }
        let future: EventLoopFuture<RawUcred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: soPeerCred)
        return future.map { PeerCredentials(uid: $0.uid, gid: $0.gid, pid: $0.pid) }
        #else
        return channel.eventLoop.makeFailedFuture(
            RPCTransportError(
                code: .peerCredentials,
                message: "SO_PEERCRED is Linux-only: Berth's Unix socket servers run on Linux"))
        #endif
    }
}
