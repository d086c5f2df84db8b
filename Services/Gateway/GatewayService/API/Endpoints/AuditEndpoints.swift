import BerthRPC
import Hummingbird

/// `GET /api/v1/audit/events`: the filters of `berth audit query` (`since`, `until` RFC 3339; `actor`, `action`
/// prefix, `targetKind`, `targetName`, `team`, `space`, `cluster`, `outcome`, `order=oldest`), `limit` and
/// `cursor`.
struct AuditEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let audit = routes.audit
        group.get("audit/events", use: routes.handle { request, _, caller in
            let query = try Self.query(request)
            let page = try await audit.unary(AuditV1.query, query, metadata: caller.forwardedMetadata)
            return try .json(Page(items: page.records.map(AuditEventResource.init), nextCursor: page.nextPageToken.nilIfEmpty))
        })
    }

    static func query(_ request: Request) throws(APIProblem) -> AuditV1.QueryRequest {
        var query = AuditV1.QueryRequest(pageSize: try request.pageLimit(), pageToken: request.cursor)
        if let since = request.presentQuery("since") { query.sinceUnixNanos = try APITime.unixNanos(since, parameter: "since") }
        if let until = request.presentQuery("until") { query.untilUnixNanos = try APITime.unixNanos(until, parameter: "until") }
        query.actor = request.queryString("actor")
        query.actionPrefix = request.queryString("action")
        query.targetKind = request.queryString("targetKind")
        query.targetName = request.queryString("targetName")
        query.team = request.queryString("team")
        query.space = request.queryString("space")
        query.cluster = request.queryString("cluster")
        if let outcome = try request.queryChoice("outcome", ["allowed", "denied", "failed"]) {
            query.outcome = AuditEventResource.outcomeNames.first { $0.value == outcome }?.key ?? .unspecified
        }
        query.oldestFirst = try request.queryChoice("order", ["newest", "oldest"]) == "oldest"
        return query
    }
}
