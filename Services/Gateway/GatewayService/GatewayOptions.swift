import BerthRuntime
import Foundation

/// The gateway's limits and clocks. Defaults suit production; tests and the benchmark pass their own (a stepped
/// clock, a tiny bucket to see 429, a huge one to measure throughput). Not in the config file yet: when an
/// operator needs to tune one, it becomes a `gateway.*` key.
public struct GatewayOptions: Sendable {
    /// A token bucket: at most `burst` requests at once per client, refilled at `perSecond`.
    public struct RateLimit: Sendable, Equatable {
        public var burst: Int
        public var perSecond: Double

        public init(burst: Int, perSecond: Double) {
            self.burst = burst
            self.perSecond = perSecond
        }
    }

    /// Request bodies of the API (the Kubernetes audit webhook has its own, larger limit).
    public var maxBodyBytes = 1024 * 1024
    /// How long an API request may take before it is answered 503.
    public var requestTimeout: Duration = .seconds(30)
    /// `/token`, `/login…`, `/device…`, `/authorize`, per client IP.
    public var signInRateLimit = RateLimit(burst: 60, perSecond: 2)
    /// `/api/…`, per client IP.
    public var apiRateLimit = RateLimit(burst: 300, perSecond: 100)
    /// How long a verified token is remembered (never past the token's expiry).
    public var tokenCache: Duration = .seconds(15)
    /// Checks bearer tokens; berth-identity over its socket (`IdentityTokenVerifier`) when nil.
    public var verifier: (any TokenVerifier)?
    /// How long an `Idempotency-Key` answer is kept.
    public var idempotencyTTLSeconds: Int64 = 24 * 3600
    /// Sleeps for the request timeout.
    public var clock: any Clock<Duration> = ContinuousClock()
    /// Monotonic time since an arbitrary origin: rate limits and latency metrics.
    public var monotonicNow: @Sendable () -> Duration = GatewayOptions.monotonicNow()
    /// Unix seconds: token expiry (a wall-clock claim) and idempotency TTL.
    public var unixNow: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    public init() {}

    /// A monotonic `now` for production: time since the call.
    public static func monotonicNow() -> @Sendable () -> Duration {
        let clock = ContinuousClock()
        let origin = clock.now
        return { clock.now - origin }
    }
}
