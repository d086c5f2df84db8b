import BerthRPC
import Foundation
import Hummingbird

/// Audit search for admins: every filter `AuditV1.Query` takes (actor, action prefix, target kind and name,
/// team, space, cluster, outcome, time range), 50 events a page, newest first.
extension WebUI {
    func auditSearch(_ request: Request, _ session: WebSession) async -> Response {
        guard session.isAdmin else { return Self.forbidden(session) }
        let query = request.uri.queryParameters
        var filter = WebPages.AuditFilter()
        for key in WebPages.AuditFilter.keys { filter[key] = String(query[Substring(key)] ?? "") }
        let since: Int64
        let until: Int64
        do {
            since = try WebPages.AuditFilter.unixNanos(filter["since"], field: "From")
            until = try WebPages.AuditFilter.unixNanos(filter["until"], field: "Until")
        } catch {
            return Self.html(
                .unprocessableContent,
                WebPages.audit([], filter: filter, session: session, next: "", error: error.message))
        }
        let outcome: AuditV1.Outcome =
            switch filter["outcome"] {
            case "allowed": .allowed
            case "denied": .denied
            case "failed": .failed
            default: .unspecified
            }
        do {
            let answer = try await audit.unary(
                AuditV1.query,
                AuditV1.QueryRequest(
                    sinceUnixNanos: since, untilUnixNanos: until, actor: filter["actor"], actionPrefix: filter["action"],
                    targetKind: filter["targetKind"], targetName: filter["targetName"], team: filter["team"],
                    space: filter["space"], cluster: filter["cluster"], outcome: outcome, pageSize: 50,
                    pageToken: String(query["page"] ?? "")),
                metadata: session.forwardedMetadata)
            return Self.html(
                .ok, WebPages.audit(answer.records, filter: filter, session: session, next: answer.nextPageToken))
        } catch {
            return Self.failure(error, session: session)
        }
    }
}
