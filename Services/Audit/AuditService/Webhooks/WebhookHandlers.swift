import BerthAuditClient
import BerthCrypto
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import Logging

/// The webhook RPCs. Only admins: a local admin by peer credentials, or a person whose forwarded token says
/// they are in `berth-admins` (the gateway calls as Berth's own user, so the socket policy alone would let any
/// API caller through). Every change is itself an audit event, so it reaches the other webhooks too.
struct WebhookHandlers: Sendable {
    let store: SQLiteWebhookStore
    let principals: PrincipalResolver
    let recorder: (any AuditRecording)?
    let now: @Sendable () -> Date
    let logger: Logger

    func create(_ request: AuditV1.CreateWebhookRequest, context: RPCCallContext) async throws -> AuditV1.CreateWebhookResponse {
        let caller = try await admin(context, to: "register webhooks")
        do {
            _ = try DNSLabel(request.name, kind: "webhook name")
        } catch {
            throw AuditError(code: .invalidWebhook, message: error.message)
        }
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty, url.user == nil
        else {
            throw AuditError(
                code: .invalidWebhook,
                message: "webhook URL \"\(request.url)\" is not an http(s) URL with a host (and no user:password): fix it")
        }
        for prefix in request.actionPrefixes where !AuditAction.all.contains(where: { $0.hasPrefix(prefix) }) || prefix.isEmpty {
            throw AuditError(
                code: .invalidWebhook,
                message: "action filter \"\(prefix)\" matches no audit action: use a prefix such as \"space.\" or an "
                    + "action such as \"login.failed\" (all: \(AuditAction.all.sorted().joined(separator: ", ")))")
        }
        let secret: [UInt8]
        if request.secret.isEmpty {
            secret = Array(try SecureRandom.identifier(bytes: 32).utf8)
        } else {
            guard request.secret.utf8.count >= 16 else {
                throw AuditError(code: .invalidWebhook, message: "webhook secret is too short: give at least 16 characters, or none to get a generated one")
            }
            secret = Array(request.secret.utf8)
        }
        let webhook = Webhook(
            id: try SecureRandom.identifier(bytes: 9), name: request.name, url: url, secret: secret,
            actionPrefixes: request.actionPrefixes, createdBy: caller.username,
            createdUnix: Int64(now().timeIntervalSince1970), startsAfter: try await store.head())
        try await store.create(webhook)
        await record(.webhookCreated, caller: caller, webhook: webhook.name, reason: url.host ?? "")
        return AuditV1.CreateWebhookResponse(
            webhook: Self.wire(webhook, counts: [:]), secret: String(decoding: secret, as: UTF8.self))
    }

    func list(context: RPCCallContext) async throws -> AuditV1.ListWebhooksResponse {
        _ = try await admin(context, to: "list webhooks")
        return AuditV1.ListWebhooksResponse(webhooks: try await store.webhooks().map { Self.wire($0.webhook, counts: $0.counts) })
    }

    func delete(_ request: AuditV1.DeleteWebhookRequest, context: RPCCallContext) async throws -> AuditV1.DeleteWebhookResponse {
        let caller = try await admin(context, to: "delete webhooks")
        let name = try await store.webhooks().first { $0.webhook.id == request.id }?.webhook.name
        guard let name, try await store.delete(id: request.id) else {
            throw AuditError(code: .notFound, message: "no webhook has id \"\(request.id)\": list them with `berth webhook list`")
        }
        await record(.webhookDeleted, caller: caller, webhook: name, reason: "")
        return AuditV1.DeleteWebhookResponse()
    }

    func deliveries(
        _ request: AuditV1.ListWebhookDeliveriesRequest, context: RPCCallContext
    ) async throws -> AuditV1.ListWebhookDeliveriesResponse {
        _ = try await admin(context, to: "read webhook deliveries")
        var state: WebhookDelivery.State?
        if !request.state.isEmpty {
            guard let parsed = WebhookDelivery.State(rawValue: request.state) else {
                throw AuditError(code: .invalidQuery, message: "delivery state \"\(request.state)\" is not one of pending, delivered, failed")
            }
            state = parsed
        }
        var after: Int64?
        if !request.pageToken.isEmpty {
            guard let token = Int64(request.pageToken), token > 0 else {
                throw AuditError(code: .invalidQuery, message: "page token \"\(request.pageToken)\" is not one this server gave")
            }
            after = token
        }
        let size = request.pageSize == 0 ? 100 : min(Int(request.pageSize), 1000)
        let page = try await store.deliveries(webhookID: request.webhookId, state: state, after: after, limit: size)
        return AuditV1.ListWebhookDeliveriesResponse(
            deliveries: page.deliveries.map(Self.wire), nextPageToken: page.last.map(String.init) ?? "")
    }

    func redeliver(
        _ request: AuditV1.RedeliverWebhookRequest, context: RPCCallContext
    ) async throws -> AuditV1.RedeliverWebhookResponse {
        let caller = try await admin(context, to: "redeliver webhooks")
        guard let delivery = try await store.redeliver(id: request.deliveryId, now: Int64(now().timeIntervalSince1970)) else {
            throw AuditError(
                code: .notFound,
                message: "no webhook delivery has id \"\(request.deliveryId)\": list them with `berth webhook deliveries`")
        }
        await record(.webhookRedelivered, caller: caller, webhook: delivery.webhookID, reason: delivery.id)
        return AuditV1.RedeliverWebhookResponse(delivery: Self.wire(delivery))
    }

    private func admin(_ context: RPCCallContext, to action: String) async throws(AuditError) -> Principal {
        let caller: Principal
        do {
            caller = try await principals.principal(of: context)
        } catch {
            let code: AuditError.Code =
                switch error.code {
                case .unavailable: .storage
                case .permissionDenied: .permissionDenied
                default: .unauthenticated
                }
            throw AuditError(code: code, message: error.message)
        }
        guard caller.isAdmin else {
            throw AuditError(
                code: .permissionDenied,
                message: "only Berth admins may \(action); \(caller.username) is not one (ask a member of berth-admins)")
        }
        return caller
    }

    private func record(_ action: AuditAction, caller: Principal, webhook: String, reason: String) async {
        guard let recorder else { return }
        do {
            try await recorder.record(
                action, actor: caller.auditActor, target: AuditV1.Target(kind: "webhook", name: webhook), outcome: .allowed,
                reason: reason)
        } catch {
            logger.warning("cannot record audit event", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }

    static func wire(_ webhook: Webhook, counts: [WebhookDelivery.State: UInt64]) -> AuditV1.Webhook {
        AuditV1.Webhook(
            id: webhook.id, name: webhook.name, url: webhook.url.absoluteString, actionPrefixes: webhook.actionPrefixes,
            createdBy: webhook.createdBy, createdUnix: webhook.createdUnix, delivered: counts[.delivered] ?? 0,
            pending: counts[.pending] ?? 0, failed: counts[.failed] ?? 0)
    }

    static func wire(_ delivery: WebhookDelivery) -> AuditV1.WebhookDelivery {
        AuditV1.WebhookDelivery(
            id: delivery.id, webhookId: delivery.webhookID, eventSequence: delivery.eventSequence, eventId: delivery.eventID,
            action: delivery.action, state: delivery.state.rawValue, attempts: UInt32(delivery.attempts),
            lastStatus: Int32(delivery.lastStatus), lastError: delivery.lastError, nextAttemptUnix: delivery.nextAttemptUnix,
            deliveredUnix: delivery.deliveredUnix, createdUnix: delivery.createdUnix)
    }
}
