import Foundation

/// An admin-registered receiver of audit events (an ITSM or chat integration).
struct Webhook: Sendable, Equatable {
    var id: String
    var name: String
    var url: URL
    /// HMAC-SHA256 key for `X-Berth-Signature`. Kept in audit.db (0600, berth's own): signing needs the secret
    /// itself, so it cannot be stored hashed.
    var secret: [UInt8]
    /// Action prefixes it wants (`space.`, `login.failed`); empty: every action.
    var actionPrefixes: [String]
    var createdBy: String
    var createdUnix: Int64
    /// The log head when it was registered: it receives events after this, never the history.
    var startsAfter: UInt64

    func wants(action: String) -> Bool {
        actionPrefixes.isEmpty || actionPrefixes.contains { action.hasPrefix($0) }
    }
}

/// One event on its way to one webhook.
struct WebhookDelivery: Sendable, Equatable {
    enum State: String, Sendable, CaseIterable {
        /// Waiting for its next attempt (`nextAttemptUnix`).
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// Every attempt failed; `RedeliverWebhook` queues it again.
        case failed
    }

    var id: String
    var webhookID: String
    var eventSequence: UInt64
    var eventID: String
    var action: String
    /// The bytes POSTed (the event as the sinks export it), the same on every attempt.
    var body: [UInt8]
    var state: State
    var attempts: Int
    var lastStatus: Int
    var lastError: String
    var nextAttemptUnix: Int64
    var deliveredUnix: Int64
    var createdUnix: Int64
}

/// When a failed delivery is tried again: 10 s, doubling, at most an hour apart; after `maxAttempts` it is
/// `failed` (about 10 hours of trying with the defaults) and waits for a person to redeliver it.
struct WebhookRetryPolicy: Sendable {
    var firstDelaySeconds: Int64 = 10
    var maxDelaySeconds: Int64 = 3600
    var maxAttempts = 15

    /// Seconds to wait after the `attempts`-th failed attempt (1-based).
    func delay(afterAttempt attempts: Int) -> Int64 {
        let doublings = min(max(attempts - 1, 0), 30)
        return min(firstDelaySeconds << Int64(doublings), maxDelaySeconds)
    }
}
