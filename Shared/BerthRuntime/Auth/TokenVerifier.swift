import BerthRPC
import Foundation
import Synchronization

/// Checks a Berth token (an ID token Berth issued, or an access key) and says whose it is.
///
/// Services that act for people (tenancy, sleep, the gateway) take this protocol, so that tests give them a
/// fixed answer and production asks berth-identity (`IdentityTokenVerifier`).
public protocol TokenVerifier: Sendable {
    /// The verified claims; throws `unauthenticated` for a token identity refuses (forged, expired, revoked,
    /// wrong audience) and `unavailable` when identity cannot be asked.
    func verify(_ token: String) async throws(RPCClientError) -> IdentityV1.VerifyTokenResponse
}

/// Asks berth-identity over its socket, and remembers positive answers briefly: every API call carries a token,
/// and one RPC per call to identity would double the cost of each. A remembered answer is dropped after
/// `cacheFor` and never outlives the token's own expiry, so a revoked token works at most `cacheFor` longer.
public final class IdentityTokenVerifier: TokenVerifier {
    private let client: UnixRPCClient
    private let audience: String
    private let cacheFor: Duration
    private let maxEntries: Int
    private let now: @Sendable () -> Date
    private let cache = Mutex<[String: Cached]>([:])

    private struct Cached: Sendable {
        let response: IdentityV1.VerifyTokenResponse
        let until: Date
    }

    /// - Parameters:
    ///   - identitySocket: berth-identity's socket.
    ///   - audience: the client id ID tokens must be issued to (`berth-cli`: the CLI and the API use its tokens).
    ///   - cacheFor: how long a positive answer is reused (at most 30 s is sensible).
    public init(
        identitySocket: String, audience: String, cacheFor: Duration = .seconds(15), maxEntries: Int = 10_000,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = UnixRPCClient(socketPath: identitySocket, defaultDeadline: .seconds(3))
        self.audience = audience
        self.cacheFor = cacheFor
        self.maxEntries = maxEntries
        self.now = now
    }

    public func verify(_ token: String) async throws(RPCClientError) -> IdentityV1.VerifyTokenResponse {
        let at = now()
        if let hit = cache.withLock({ $0[token] }), hit.until > at { return hit.response }
        let response = try await client.unary(
            IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: token, audience: audience))
        let expires = Date(timeIntervalSince1970: TimeInterval(response.expiresAtUnix))
        let cacheSeconds = Double(cacheFor.components.seconds)
        let until = response.expiresAtUnix > 0 ? min(at + cacheSeconds, expires) : at + cacheSeconds
        cache.withLock { entries in
            // Bounded: when full, forget everything rather than track recency; the cost is one RPC per token.
            if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[token] = Cached(response: response, until: until)
        }
        return response
    }

    public func close() async { await client.close() }
}
