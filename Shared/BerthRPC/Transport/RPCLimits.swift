/// Server-wide limits. Each method may lower the message limit further (`RPCMethod.maxMessageBytes`).
public struct RPCLimits: Sendable, Hashable {
    /// The largest request body (bytes) the server accepts for any method.
    public var maxMessageBytes: Int
    /// The most RPCs one connection may run at the same time (HTTP/2 `MAX_CONCURRENT_STREAMS`).
    public var maxConcurrentStreamsPerConnection: Int

    public init(maxMessageBytes: Int = 4 * 1024 * 1024, maxConcurrentStreamsPerConnection: Int = 256) {
        self.maxMessageBytes = maxMessageBytes
        self.maxConcurrentStreamsPerConnection = maxConcurrentStreamsPerConnection
    }

    public static var defaults: RPCLimits { RPCLimits() }
}
