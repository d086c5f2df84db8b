import GRPCCore

/// What a handler knows about the call besides the request.
public struct RPCCallContext: Sendable {
    /// The calling process, from the kernel (SO_PEERCRED): cannot be forged by the client.
    public let peer: PeerCredentials
    /// The method being called.
    public let method: RPCMethodDescriptor
    /// A random id for this call; it appears in the service log and in `internal` errors the caller sees.
    public let requestID: String
    /// When the caller stops waiting (from its `grpc-timeout`); nil when it sent none.
    public let deadline: ContinuousClock.Instant?
    /// String metadata the client sent (e.g. `authorization`). Client-chosen: never use it for the caller's
    /// local identity, which is `peer`.
    public let metadata: [String: String]

    private let cancellation: ServerContext.RPCCancellationHandle?

    init(
        peer: PeerCredentials, method: RPCMethodDescriptor, requestID: String, deadline: ContinuousClock.Instant?,
        metadata: [String: String], cancellation: ServerContext.RPCCancellationHandle?
    ) {
        self.peer = peer
        self.method = method
        self.requestID = requestID
        self.deadline = deadline
        self.metadata = metadata
        self.cancellation = cancellation
    }

    /// True once the RPC is over for the caller (deadline passed, client went away, server shutting down).
    /// Long handlers check it (or `Task.isCancelled`) between steps and stop early.
    public var isCancelled: Bool { cancellation?.isCancelled ?? Task.isCancelled }
}
