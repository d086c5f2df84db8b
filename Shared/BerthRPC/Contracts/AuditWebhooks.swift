import Foundation

/// Swift mirrors of proto/berth/audit/v1/webhooks.proto (package berth.audit.v1): outgoing webhooks.
extension AuditV1 {
    public struct Webhook: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.Webhook" }
        public var id: String
        public var name: String
        public var url: String
        /// "space." matches every space action; empty: every action.
        public var actionPrefixes: [String]
        public var createdBy: String
        public var createdUnix: Int64
        /// Deliveries by state, for the list view.
        public var delivered: UInt64
        public var pending: UInt64
        public var failed: UInt64

        public init(
            id: String = "", name: String = "", url: String = "", actionPrefixes: [String] = [],
            createdBy: String = "", createdUnix: Int64 = 0, delivered: UInt64 = 0, pending: UInt64 = 0,
            failed: UInt64 = 0
        ) {
            self.id = id
            self.name = name
            self.url = url
            self.actionPrefixes = actionPrefixes
            self.createdBy = createdBy
            self.createdUnix = createdUnix
            self.delivered = delivered
            self.pending = pending
            self.failed = failed
        }
    }

    public struct CreateWebhookRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.CreateWebhookRequest" }
        public var name: String
        public var url: String
        public var actionPrefixes: [String]
        /// Empty: Berth generates one (returned once).
        public var secret: String

        public init(name: String = "", url: String = "", actionPrefixes: [String] = [], secret: String = "") {
            self.name = name
            self.url = url
            self.actionPrefixes = actionPrefixes
            self.secret = secret
        }
    }

    public struct CreateWebhookResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.CreateWebhookResponse" }
        public var webhook: Webhook?
        /// Shown once; receivers verify X-Berth-Signature with it.
        public var secret: String

        public init(webhook: Webhook? = nil, secret: String = "") {
            self.webhook = webhook
            self.secret = secret
        }
    }

    public struct ListWebhooksRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.ListWebhooksRequest" }

        public init() {}
    }

    public struct ListWebhooksResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.ListWebhooksResponse" }
        public var webhooks: [Webhook]

        public init(webhooks: [Webhook] = []) {
            self.webhooks = webhooks
        }
    }

    public struct DeleteWebhookRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.DeleteWebhookRequest" }
        public var id: String

        public init(id: String = "") {
            self.id = id
        }
    }

    public struct DeleteWebhookResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.DeleteWebhookResponse" }

        public init() {}
    }

    public struct WebhookDelivery: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.WebhookDelivery" }
        public var id: String
        public var webhookId: String
        public var eventSequence: UInt64
        public var eventId: String
        public var action: String
        /// Pending, delivered, failed.
        public var state: String
        public var attempts: UInt32
        /// HTTP status of the last attempt; 0: no answer.
        public var lastStatus: Int32
        public var lastError: String
        public var nextAttemptUnix: Int64
        public var deliveredUnix: Int64
        public var createdUnix: Int64

        public init(
            id: String = "", webhookId: String = "", eventSequence: UInt64 = 0, eventId: String = "",
            action: String = "", state: String = "", attempts: UInt32 = 0, lastStatus: Int32 = 0,
            lastError: String = "", nextAttemptUnix: Int64 = 0, deliveredUnix: Int64 = 0, createdUnix: Int64 = 0
        ) {
            self.id = id
            self.webhookId = webhookId
            self.eventSequence = eventSequence
            self.eventId = eventId
            self.action = action
            self.state = state
            self.attempts = attempts
            self.lastStatus = lastStatus
            self.lastError = lastError
            self.nextAttemptUnix = nextAttemptUnix
            self.deliveredUnix = deliveredUnix
            self.createdUnix = createdUnix
        }
    }

    public struct ListWebhookDeliveriesRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.ListWebhookDeliveriesRequest" }
        public var webhookId: String
        /// Empty: every state.
        public var state: String
        /// 0: 100; at most 1000.
        public var pageSize: UInt32
        public var pageToken: String

        public init(webhookId: String = "", state: String = "", pageSize: UInt32 = 0, pageToken: String = "") {
            self.webhookId = webhookId
            self.state = state
            self.pageSize = pageSize
            self.pageToken = pageToken
        }
    }

    public struct ListWebhookDeliveriesResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.ListWebhookDeliveriesResponse" }
        public var deliveries: [WebhookDelivery]
        public var nextPageToken: String

        public init(deliveries: [WebhookDelivery] = [], nextPageToken: String = "") {
            self.deliveries = deliveries
            self.nextPageToken = nextPageToken
        }
    }

    public struct RedeliverWebhookRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.RedeliverWebhookRequest" }
        public var deliveryId: String

        public init(deliveryId: String = "") {
            self.deliveryId = deliveryId
        }
    }

    public struct RedeliverWebhookResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.RedeliverWebhookResponse" }
        public var delivery: WebhookDelivery?

        public init(delivery: WebhookDelivery? = nil) {
            self.delivery = delivery
        }
    }
}
