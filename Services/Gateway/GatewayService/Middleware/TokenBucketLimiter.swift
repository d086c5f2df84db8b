import Synchronization

/// Per-client token buckets: each key holds up to `burst` tokens, refilled at `perSecond`; a request takes one.
/// Time comes from `now` (a monotonic reading since an arbitrary origin), never the wall clock, so tests step it.
/// Buckets idle long enough to be full again are forgotten, so memory stays bounded by the active clients.
final class TokenBucketLimiter: Sendable {
    typealias Rule = GatewayOptions.RateLimit

    enum Decision: Equatable {
        case allowed
        /// Rounded up to whole seconds (the `Retry-After` value).
        case limited(retryAfterSeconds: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    let rule: Rule
    private let now: @Sendable () -> Duration
    private let buckets = Mutex<[String: Bucket]>([:])
    /// When the table grows past this, full buckets are swept.
    private let sweepThreshold: Int

    init(rule: Rule, now: @escaping @Sendable () -> Duration, sweepThreshold: Int = 10_000) {
        self.rule = rule
        self.now = now
        self.sweepThreshold = sweepThreshold
    }

    func take(_ key: String) -> Decision {
        let time = now()
        let rule = self.rule
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: Double(rule.burst), updated: time)
            let elapsed = Self.seconds(time - bucket.updated)
            bucket.tokens = min(Double(rule.burst), bucket.tokens + max(0, elapsed) * rule.perSecond)
            bucket.updated = time
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                let wait = (1 - bucket.tokens) / max(rule.perSecond, 1e-9)
                decision = .limited(retryAfterSeconds: max(1, Int(wait.rounded(.up))))
            }
            buckets[key] = bucket
            if buckets.count > sweepThreshold {
                let refill = Double(rule.burst) / max(rule.perSecond, 1e-9)
                buckets = buckets.filter { Self.seconds(time - $0.value.updated) < refill }
            }
            return decision
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

}
