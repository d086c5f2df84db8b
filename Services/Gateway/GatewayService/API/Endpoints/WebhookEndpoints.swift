import BerthRPC
import Hummingbird

/// `/api/v1/webhooks` (admins): list, create (201 with the signing secret, the only time it is shown), get,
/// delete; `GET …/{id}/deliveries` (`state`; cursor) and `POST …/{id}/deliveries/{delivery}/redeliver`.
/// berth-audit decides by the forwarded token. Audit lists webhooks unpaged (an installation has a few).
struct WebhookEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let audit = routes.audit
        group.get("webhooks", use: routes.handle { _, _, caller in
            let list = try await audit.unary(AuditV1.listWebhooks, AuditV1.ListWebhooksRequest(), metadata: caller.forwardedMetadata)
            return try .json(Page(items: list.webhooks.map(WebhookResource.init), nextCursor: nil))
        })
        group.post("webhooks", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateWebhookBody.self, from: data)
            let created = try await audit.unary(
                AuditV1.createWebhook,
                AuditV1.CreateWebhookRequest(name: body.name, url: body.url, actionPrefixes: body.actions ?? [], secret: body.secret ?? ""),
                metadata: caller.forwardedMetadata)
            guard let webhook = created.webhook else { throw APIProblem.internalError }
            return try .json(
                CreatedWebhookResource(webhook: WebhookResource(webhook), secret: created.secret), status: .created,
                location: "/api/v1/webhooks/\(webhook.id)")
        })
        group.get("webhooks/{id}", use: routes.handle { _, context, caller in
            try .json(WebhookResource(try await Self.webhook(try context.pathParameter("id"), audit: audit, caller: caller)))
        })
        group.delete("webhooks/{id}", use: routes.handle { _, context, caller in
            _ = try await audit.unary(
                AuditV1.deleteWebhook, AuditV1.DeleteWebhookRequest(id: try context.pathParameter("id")),
                metadata: caller.forwardedMetadata)
            return .noContent
        })
        group.get("webhooks/{id}/deliveries", use: routes.handle { request, context, caller in
            let webhook = try await Self.webhook(try context.pathParameter("id"), audit: audit, caller: caller)
            let state = try request.queryChoice("state", ["pending", "delivered", "failed"]) ?? ""
            let page = try await audit.unary(
                AuditV1.listWebhookDeliveries,
                AuditV1.ListWebhookDeliveriesRequest(
                    webhookId: webhook.id, state: state, pageSize: try request.pageLimit(), pageToken: request.cursor),
                metadata: caller.forwardedMetadata)
            return try .json(
                Page(items: page.deliveries.map(WebhookDeliveryResource.init), nextCursor: page.nextPageToken.nilIfEmpty))
        })
        group.post("webhooks/{id}/deliveries/{delivery}/redeliver", use: routes.post { _, _, context, caller in
            let webhook = try await Self.webhook(try context.pathParameter("id"), audit: audit, caller: caller)
            let deliveryID = try context.pathParameter("delivery")
            // Delivery ids are audit-wide: make sure this one is the webhook's before sending anything again.
            var token = ""
            var found = false
            repeat {
                let page = try await audit.unary(
                    AuditV1.listWebhookDeliveries,
                    AuditV1.ListWebhookDeliveriesRequest(webhookId: webhook.id, pageSize: 1000, pageToken: token),
                    metadata: caller.forwardedMetadata)
                found = page.deliveries.contains { $0.id == deliveryID }
                token = page.nextPageToken
            } while !found && !token.isEmpty
            guard found else {
                throw APIProblem.notFound(
                    "webhook \(webhook.id) has no delivery \"\(deliveryID)\": see GET /api/v1/webhooks/\(webhook.id)/deliveries")
            }
            let answer = try await audit.unary(
                AuditV1.redeliverWebhook, AuditV1.RedeliverWebhookRequest(deliveryId: deliveryID), metadata: caller.forwardedMetadata)
            guard let delivery = answer.delivery else { throw APIProblem.internalError }
            return try .json(WebhookDeliveryResource(delivery))
        })
    }

    /// Audit has no GetWebhook: the list, then the one with this id.
    static func webhook(_ id: String, audit: UnixRPCClient, caller: VerifiedCaller) async throws -> AuditV1.Webhook {
        let list = try await audit.unary(AuditV1.listWebhooks, AuditV1.ListWebhooksRequest(), metadata: caller.forwardedMetadata)
        guard let webhook = list.webhooks.first(where: { $0.id == id }) else {
            throw APIProblem.notFound("webhook \"\(id)\" does not exist: see GET /api/v1/webhooks")
        }
        return webhook
    }
}
