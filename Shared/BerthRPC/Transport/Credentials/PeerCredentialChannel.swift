import NIOCore

/// A thin forwarding `Channel` around an accepted Unix socket connection whose `remoteAddress` carries the
/// peer's SO_PEERCRED values (see `PeerCredentials+Address.swift`).
///
/// Only the connection-level `NIOAsyncChannel` grpc-swift builds holds this wrapper; every pipeline operation
/// goes to the real channel's pipeline, so handlers, I/O and lifetime are the real channel's. The wrapper holds
/// only immutable state, hence `Sendable` like every `Channel`.
final class PeerCredentialChannel: Channel {
    private let base: any Channel
    private let credentialsAddress: SocketAddress

    init(wrapping base: any Channel, credentials: PeerCredentials) throws {
        self.base = base
        self.credentialsAddress = try credentials.pseudoAddress()
    }

    /// Always the credentials, never the socket's own peer address (which an unbound client leaves empty and a
    /// bound client could choose).
    var remoteAddress: SocketAddress? { credentialsAddress }

    var localAddress: SocketAddress? { base.localAddress }
    var allocator: ByteBufferAllocator { base.allocator }
    var closeFuture: EventLoopFuture<Void> { base.closeFuture }
    var pipeline: ChannelPipeline { base.pipeline }
    var parent: (any Channel)? { base.parent }
    var isWritable: Bool { base.isWritable }
    var isActive: Bool { base.isActive }
    var _channelCore: any ChannelCore { base._channelCore }
    var syncOptions: (any NIOSynchronousChannelOptions)? { base.syncOptions }
    var eventLoop: any EventLoop { base.eventLoop }

    func setOption<Option: ChannelOption>(_ option: Option, value: Option.Value) -> EventLoopFuture<Void> {
        base.setOption(option, value: value)
    }

    func getOption<Option: ChannelOption>(_ option: Option) -> EventLoopFuture<Option.Value> {
        base.getOption(option)
    }
}
