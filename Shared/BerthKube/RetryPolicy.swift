import Foundation

/// How idempotent requests are retried after 429, 5xx, timeouts and connection failures:
/// exponential backoff from `initialBackoff`, capped at `maxBackoff`, with full jitter over its upper `jitter`
/// fraction; a 429's Retry-After is honoured (up to `maxBackoff`) when it is longer than the backoff.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// 0 = no jitter; 0.5 = each delay is drawn from [50%, 100%] of the backoff.
    public var jitter: Double

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(10), jitter: Double = 0.5) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.jitter = min(max(jitter, 0), 1)
    }

    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The delay before attempt `attempt + 1` (attempt counts from 1) after `error`.
    func delay(afterAttempt attempt: Int, error: KubeError, random: Double) -> Duration {
        let exponent = min(attempt - 1, 30)
        var backoff = initialBackoff * (1 << exponent)
        if backoff > maxBackoff { backoff = maxBackoff }
        let scale = 1 - jitter * random
        var delay = backoff * scale
        if let retryAfter = error.retryAfter, retryAfter > delay { delay = min(retryAfter, maxBackoff) }
        return delay
    }
}
