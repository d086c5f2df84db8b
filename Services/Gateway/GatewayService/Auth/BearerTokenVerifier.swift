import BerthCrypto
import BerthRPC
import Synchronization

/// Verifies bearer tokens through identity's `VerifyToken` (ID tokens now; access keys through the same call
/// once identity accepts them) and remembers positive answers briefly.
///
/// The cache is keyed by the token's SHA-256 (the token itself is never kept as a key or logged). An entry
/// lives at most `cacheTTL` (≤ 30 s) and never past the token's `exp`, so a revoked session is refused again
/// within `cacheTTL`. Negative answers are not cached: a wrong token costs an RPC each time, which the rate
/// limiter bounds. `now` gives Unix seconds (token expiry is wall-clock by definition); it is injected.
final class BearerTokenVerifier: Sendable {
    enum Failure: Error, Equatable {
        /// Identity refused the token (bad signature, expired, wrong audience, revoked).
        case invalid(String)
        /// Identity could not be asked.
        case unavailable(RPCClientError)
    }

    private struct Entry {
        let claims: IdentityV1.VerifyTokenResponse
        let until: Int64
    }

    let identity: UnixRPCClient
    /// The client id tokens for the API are issued to (`identity.clients`' first entry, the CLI's).
    let audience: String
    let cacheTTL: Int64
    let maxEntries: Int
    private let now: @Sendable () -> Int64
    private let cache = Mutex<[[UInt8]: Entry]>([:])

    init(
        identity: UnixRPCClient, audience: String, cacheTTLSeconds: Int64 = 30, maxEntries: Int = 10_000,
        now: @escaping @Sendable () -> Int64
    ) {
        self.identity = identity
        self.audience = audience
        self.cacheTTL = min(cacheTTLSeconds, 30)
        self.maxEntries = maxEntries
        self.now = now
    }

    func verify(_ token: String) async throws(Failure) -> IdentityV1.VerifyTokenResponse {
        // SHA-256 through OpenSSL cannot fail short of memory exhaustion; then the cache is simply skipped.
        let key = (try? SHA256.digest(Array(token.utf8))) ?? []
        let time = now()
        if !key.isEmpty, let hit = cache.withLock({ $0[key] }), time < hit.until { return hit.claims }
        let claims: IdentityV1.VerifyTokenResponse
        do {
            claims = try await identity.unary(
                IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: token, audience: audience),
                deadline: .seconds(2))
        } catch where error.code == .unauthenticated || error.code == .invalidArgument || error.code == .notFound {
            cache.withLock { _ = $0.removeValue(forKey: key) }
            throw .invalid(error.message)
        } catch {
            throw .unavailable(error)
        }
        let until = claims.expiresAtUnix > 0 ? min(time + cacheTTL, claims.expiresAtUnix) : time + cacheTTL
        guard !key.isEmpty else { return claims }
        cache.withLock { cache in
            if cache.count >= maxEntries { cache = cache.filter { time < $0.value.until } }
            if cache.count >= maxEntries { cache.removeAll() }
            cache[key] = Entry(claims: claims, until: until)
        }
        return claims
    }

    /// How many answers are cached (for tests and the metrics).
    var cachedCount: Int { cache.withLock { $0.count } }
}
