import BerthAuditClient
import BerthModel
import BerthRPC
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `POST /api/v1/kubernetes/audit`: kube-apiserver's audit webhook backend posts `audit.k8s.io/v1` `EventList`s
/// here; each `ResponseComplete` event is recorded (through the gateway's audit recorder) as a
/// `kubernetes.request` with the user, groups, verb, resource, namespace, name and response code, and the
/// Kubernetes auditID as its id, so kube-apiserver's re-deliveries are stored once. See
/// `deploy/kubernetes-audit/README.md`.
///
/// A batch is taken whole or not at all: a bad token (401), an oversized body (413), a body that is not an
/// EventList or an event without its required fields (400) store nothing. 200 means every stored event is
/// durable; 503 (audit unreachable and `audit.whenUnreachable: refuse`) makes kube-apiserver retry.
/// `?cluster=<name>` in the webhook URL names the cluster on every event.
struct KubernetesAuditWebhook: Sendable {
    static let path = "api/v1/kubernetes/audit"
    /// kube-apiserver's default batch (400 events at Metadata level) is well under 1 MiB.
    static let defaultMaxBodyBytes = 4 * 1024 * 1024

    /// The bearer token kube-apiserver presents; nil when `audit.kubernetesWebhook.tokenFile` is empty (off).
    let token: String?
    let recorder: any AuditRecording
    let maxBodyBytes: Int
    let logger: Logger

    init(token: String?, recorder: any AuditRecording, maxBodyBytes: Int = defaultMaxBodyBytes, logger: Logger) {
        self.token = token
        self.recorder = recorder
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    /// Reads the token from `audit.kubernetesWebhook.tokenFile` ("" leaves the webhook off).
    static func token(fromFile path: String) throws -> String? {
        guard !path.isEmpty else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else {
            throw GatewayError(
                message: "audit.kubernetesWebhook.tokenFile: cannot read \(path): check the path and that the "
                    + "gateway's user may read it (mode 0640, group berth)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16 else {
            throw GatewayError(
                message: "audit.kubernetesWebhook.tokenFile: \(path) holds no token of at least 16 characters: "
                    + "write one (e.g. `openssl rand -hex 32 > \(path)`)")
        }
        return token
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post(RouterPath(Self.path)) { request, _ -> Response in
            do {
                return try await handle(request)
            } catch let problem as WebhookProblem {
                return problem.response
            }
        }
    }

    func handle(_ request: Request) async throws -> Response {
        guard let token else {
            throw WebhookProblem(
                status: .notFound, title: "Kubernetes audit webhook is off",
                detail: "set audit.kubernetesWebhook.tokenFile to a file holding the bearer token kube-apiserver "
                    + "presents, and restart berth-gateway")
        }
        guard Self.bearerToken(request.headers[.authorization]).map({ Self.constantTimeEqual($0, token) }) == true else {
            throw WebhookProblem(
                status: .unauthorized, title: "missing or wrong bearer token",
                detail: "send `Authorization: Bearer <token>` with the token in audit.kubernetesWebhook.tokenFile "
                    + "(the `token` of the webhook kubeconfig's user)")
        }
        let cluster = try Self.cluster(request.uri.queryParameters["cluster"])
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw tooLarge(length)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge(nil)
        }
        let events = try Self.events(from: Data(body.readableBytesView), cluster: cluster)
        do {
            try await recorder.record(events.stored)
        } catch where error.code == .refused || error.code == .unreachable {
            throw WebhookProblem(
                status: .serviceUnavailable, title: "audit is unreachable",
                detail: "berth-audit cannot store events now; kube-apiserver retries the batch")
        } catch {
            logger.error("cannot record Kubernetes audit events", metadata: ["error": "\(error)"])
            throw WebhookProblem(
                status: .internalServerError, title: "cannot record the events", detail: "see berth-gateway's log")
        }
        let summary = "{\"stored\":\(events.stored.count),\"ignored\":\(events.ignored)}\n"
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: summary)))
    }

    /// Decodes and checks the whole list before anything is recorded.
    static func events(from body: Data, cluster: String) throws(WebhookProblem) -> (stored: [AuditV1.Event], ignored: Int) {
        let list: KubernetesAuditEventList
        do {
            list = try JSONDecoder().decode(KubernetesAuditEventList.self, from: body)
        } catch {
            throw WebhookProblem(
                status: .badRequest, title: "body is not an audit EventList",
                detail: "expected a JSON audit.k8s.io/v1 EventList: \(Self.describe(error))")
        }
        guard list.apiVersion == KubernetesAuditEventList.apiVersion, list.kind == KubernetesAuditEventList.kind else {
            throw WebhookProblem(
                status: .badRequest, title: "wrong kind or apiVersion",
                detail: "got kind \"\(list.kind ?? "")\" apiVersion \"\(list.apiVersion ?? "")\"; expected kind "
                    + "EventList apiVersion audit.k8s.io/v1 (kube-apiserver's --audit-webhook-version default)")
        }
        var stored: [AuditV1.Event] = []
        var ignored = 0
        for (index, item) in (list.items ?? []).enumerated() {
            guard item.stage == storedStage else {
                ignored += 1
                continue
            }
            do {
                stored.append(try event(from: item, cluster: cluster))
            } catch {
                throw WebhookProblem(
                    status: .badRequest, title: "invalid audit event", detail: "item \(index) \(error.detail)")
            }
        }
        return (stored, ignored)
    }

    static func cluster(_ value: Substring?) throws(WebhookProblem) -> String {
        guard let value, !value.isEmpty else { return "" }
        guard let label = DNSLabel(rawValue: String(value)) else {
            throw WebhookProblem(
                status: .badRequest, title: "invalid cluster name",
                detail: "?cluster=\(value) is not a DNS-1123 label: use the cluster's Berth name in the webhook URL")
        }
        return label.rawValue
    }

    private func tooLarge(_ length: Int?) -> WebhookProblem {
        WebhookProblem(
            status: .contentTooLarge, title: "batch too large",
            detail: "the body\(length.map { " of \($0) bytes" } ?? "") is over the limit of \(maxBodyBytes) bytes: "
                + "lower kube-apiserver's --audit-webhook-batch-max-size")
    }

    static func bearerToken(_ header: String?) -> String? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// Compares without an early exit, so the time taken does not tell how much of a guess was right.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
