import BerthModel
import BerthRPC
import Foundation

/// kube-apiserver audit events as Berth audit events (`kubernetes.request`).
extension KubernetesAuditWebhook {
    /// The stage whose events are stored: one per request, with the response code.
    static let storedStage = "ResponseComplete"

    /// Maps one item, or says (naming the field) why it cannot be stored.
    static func event(from item: KubernetesAuditEventList.Item, cluster: String) throws(WebhookProblem) -> AuditV1.Event {
        guard let auditID = item.auditID, !auditID.isEmpty else { throw .invalid("has no auditID") }
        guard let verb = item.verb, !verb.isEmpty else { throw .invalid("(\(auditID)) has no verb") }
        guard let username = item.user?.username, !username.isEmpty else {
            throw .invalid("(\(auditID)) has no user.username")
        }
        guard let stamp = item.stageTimestamp ?? item.requestReceivedTimestamp else {
            throw .invalid("(\(auditID)) has no stageTimestamp")
        }
        guard let time = RFC3339Nanos.parse(stamp) else {
            throw .invalid("(\(auditID)) stageTimestamp \"\(stamp)\" is not an RFC 3339 time")
        }
        let object = item.objectRef
        let code = item.responseStatus?.code ?? 0
        var details: [String: String] = ["verb": verb, "auditID": auditID, "stage": item.stage ?? ""]
        details["responseCode"] = code == 0 ? nil : String(code)
        details["requestURI"] = item.requestURI
        details["level"] = item.level
        details["resource"] = object?.resource
        details["subresource"] = object?.subresource
        details["namespace"] = object?.namespace
        details["name"] = object?.name
        details["apiGroup"] = object?.apiGroup
        details["apiVersion"] = object?.apiVersion
        details["impersonatedUser"] = item.impersonatedUser?.username
        details["decision"] = item.annotations?["authorization.k8s.io/decision"]
        details = details.filter { !$0.value.isEmpty }

        let outcome: AuditV1.Outcome
        switch code {
        case 0: outcome = .unspecified
        case 100..<400: outcome = .allowed
        case 401, 403: outcome = .denied
        default: outcome = .failed
        }
        let reason =
            outcome == .allowed
            ? "" : (item.annotations?["authorization.k8s.io/reason"] ?? item.responseStatus?.message ?? "")

        var kind = object?.resource ?? ""
        if let subresource = object?.subresource, !subresource.isEmpty { kind += "/" + subresource }
        return AuditV1.Event(
            id: auditID, timeUnixNanos: time,
            actor: AuditV1.Actor(
                subject: item.user?.uid.flatMap { $0.isEmpty ? nil : $0 } ?? username, username: username,
                groups: item.user?.groups ?? [], authenticatedBy: "kubernetes",
                source: item.sourceIPs?.first.map { "ip:\($0)" } ?? "", userAgent: item.userAgent ?? ""),
            action: AuditAction.kubernetesRequest.rawValue,
            target: AuditV1.Target(
                kind: kind, name: object?.name ?? "", space: object?.namespace ?? "", cluster: cluster),
            outcome: outcome, reason: reason, details: details)
    }
}

/// RFC 3339 times as kube-apiserver writes them (`2024-05-01T10:00:00.123456Z`), to nanoseconds since 1970.
enum RFC3339Nanos {
    static func parse(_ text: String) -> Int64? {
        var base = text
        var nanos: Int64 = 0
        if let dot = text.firstIndex(of: "."), let tIndex = text.firstIndex(of: "T"), dot > tIndex {
            let digits = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
            nanos = value * Int64(pow(10.0, Double(9 - digits.count)))
            base = String(text[..<dot]) + String(text[text.index(dot, offsetBy: digits.count + 1)...])
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: base) else { return nil }
        let (seconds, overflow) = Int64(date.timeIntervalSince1970.rounded()).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        return seconds + nanos
    }
}
