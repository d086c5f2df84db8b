import GRPCNIOTransportHTTP2Posix
import NIOCore
import NIOPosix

/// Binds the Unix socket and hands grpc-swift connections whose `remoteAddress` carries SO_PEERCRED.
///
/// The same steps as grpc-swift's Posix transport (plaintext, `HTTP2ServerTransport+Posix.swift`), plus: read the
/// peer's credentials in the child channel initializer, before any byte of the connection is processed, and
/// give the gRPC pipeline a `PeerCredentialChannel`. A connection whose credentials cannot be read is closed.
struct UnixListenerFactory: HTTP2ServerTransport.ListenerFactory {
    let socketPath: String
    let eventLoopGroup: any EventLoopGroup
    /// Runs right after bind, before any connection is accepted: chmod the socket, remember its inode.
    let didBind: @Sendable () throws -> Void

    func makeListeningChannel(
        listenerConfigurator: HTTP2ServerTransport.ListenerConfigurator,
        connectionConfigurator: HTTP2ServerTransport.ConnectionConfigurator
    ) async throws -> NIOAsyncChannel<HTTP2ServerTransport.ConnectionConfigurator.ConnectionChannel, Never> {
        let channel = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelInitializer { channel in
                listenerConfigurator.configure(channel: channel)
            }
            .bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: false) { channel in
                PeerCredentialReader.read(from: channel).flatMapThrowing { credentials in
                    try PeerCredentialChannel(wrapping: channel, credentials: credentials)
                }.flatMap { wrapped in
                    connectionConfigurator.configure(channel: wrapped, tls: .none)
                }
            }
        do {
            try didBind()
        } catch {
            try? await channel.channel.close()
            throw error
        }
        return channel
    }
}
