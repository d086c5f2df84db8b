import BerthRPC

/// An outgoing audit webhook as the API shows it (admins): never its signing secret.
struct WebhookResource: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var url: String
    /// Audit action prefixes (`space.` matches every space action); empty: every action.
    var actions: [String]
    var createdBy: String
    var createdAt: String?
    var delivered: UInt64
    var pending: UInt64
    var failed: UInt64

    init(_ webhook: AuditV1.Webhook) {
        id = webhook.id
        name = webhook.name
        url = webhook.url
        actions = webhook.actionPrefixes
        createdBy = webhook.createdBy
        createdAt = APITime.string(unixSeconds: webhook.createdUnix)
        delivered = webhook.delivered
        pending = webhook.pending
        failed = webhook.failed
    }
}

/// One delivery of an event to a webhook.
struct WebhookDeliveryResource: Codable, Sendable, Equatable {
    var id: String
    var webhookId: String
    var eventSequence: UInt64
    var eventId: String
    var action: String
    /// pending, delivered or failed.
    var state: String
    var attempts: UInt32
    /// HTTP status of the last attempt; absent when there was no answer.
    var lastStatus: Int32?
    var lastError: String?
    var nextAttemptAt: String?
    var deliveredAt: String?
    var createdAt: String?

    init(_ delivery: AuditV1.WebhookDelivery) {
        id = delivery.id
        webhookId = delivery.webhookId
        eventSequence = delivery.eventSequence
        eventId = delivery.eventId
        action = delivery.action
        state = delivery.state
        attempts = delivery.attempts
        lastStatus = delivery.lastStatus == 0 ? nil : delivery.lastStatus
        lastError = delivery.lastError.nilIfEmpty
        nextAttemptAt = APITime.string(unixSeconds: delivery.nextAttemptUnix)
        deliveredAt = APITime.string(unixSeconds: delivery.deliveredUnix)
        createdAt = APITime.string(unixSeconds: delivery.createdUnix)
    }
}

/// The 201 of `POST /api/v1/webhooks`: the webhook and, this once, the secret receivers verify
/// `X-Berth-Signature` with.
struct CreatedWebhookResource: Encodable, Sendable {
    var webhook: WebhookResource
    var secret: String
}

/// `POST /api/v1/webhooks`.
struct CreateWebhookBody: Decodable, Sendable {
    var name: String
    var url: String
    var actions: [String]?
    /// At least 16 characters; absent: Berth generates one.
    var secret: String?
}
