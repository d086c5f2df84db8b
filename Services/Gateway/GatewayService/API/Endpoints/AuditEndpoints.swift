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
        let since = request.queryString("since")
        if !since.isEmpty { query.sinceUnixNanos = try APITime.unixNanos(since, parameter: "since") }
        let until = request.queryString("until")
        if !until.isEmpty { query.untilUnixNanos = try APITime.unixNanos(until, parameter: "until") }
        query.actor = request.queryString("actor")
        query.actionPrefix = request.queryString("action")
        query.targetKind = request.queryString("targetKind")
        query.targetName = request.queryString("targetName")
        query.team = request.queryString("team")
        query.space = request.queryString("space")
        query.cluster = request.queryString("cluster")
        let outcome = request.queryString("outcome")
        if !outcome.isEmpty {
            guard let value = AuditEventResource.outcomeNames.first(where: { $0.value == outcome && $0.key != .unspecified })?.key else {
                throw APIProblem.invalid("outcome=\(outcome) is not one of allowed, denied, failed")
            }
            query.outcome = value
        }
        switch request.queryString("order") {
        case "", "newest": break
        case "oldest": query.oldestFirst = true
        case let other: throw APIProblem.invalid("order=\(other) is not newest or oldest")
        }
        return query
    }
}
