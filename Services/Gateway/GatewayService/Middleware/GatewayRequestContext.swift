import BerthRPC
import Hummingbird
import NIOCore

/// The gateway's per-request context: Hummingbird's core storage plus what the middleware learns on the way in
/// (the request id, the client's address, the verified caller), so handlers never re-derive them.
struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's socket address (nil for a channel without one); the rate limiter keys on its IP.
    let remoteAddress: SocketAddress?
    /// `X-Request-Id` as received (when it is sane) or generated; echoed on the response and in every log line.
    var requestID: String = ""
    /// Set by `BearerAuthMiddleware` once the bearer token verified.
    var caller: VerifiedCaller?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The rate limiter's key: the client's IP ("unknown" when the channel has none).
    var clientKey: String { remoteAddress?.ipAddress ?? "unknown" }
}
