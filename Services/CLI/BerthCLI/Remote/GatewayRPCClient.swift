import BerthRPC
import Foundation
import NIOHTTP1

/// `RPCCalling` through the gateway's relay (`POST <server>/rpc/<service>/<method>`, protobuf bodies): how every
/// `berth` command runs from a laptop. Each call carries the caller's token (`token`, read per call so a refresh
/// between calls is picked up); the service decides what that person may do, as it would on its socket. Errors
/// come back as the service's own status and message (`Berth-RPC-Status`), so output and exit codes are the same
/// as on the host.
struct GatewayRPCClient: RPCCalling {
    let http: GatewayHTTPClient
    let defaultDeadline: Duration
    /// The bearer token to send: an access key or a fresh ID token.
    let token: @Sendable () async throws(RPCClientError) -> String

    func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, deadline: Duration?, metadata: [String: String]
    ) async throws(RPCClientError) -> Response {
        let timeout = deadline ?? defaultDeadline
        let body: [UInt8]
        do {
            body = try request.wireBytes()
        } catch {
            throw RPCClientError(code: .internal, message: "cannot encode the \(method) request: \(error)")
        }
        let bearer = try await token()
        let answer: GatewayHTTPClient.Answer
        do {
            answer = try await http.send(
                .POST, "/rpc/\(method.service)/\(method.method)",
                headers: [
                    ("Content-Type", "application/x-protobuf"), ("Accept", "application/x-protobuf"),
                    ("Authorization", "Bearer \(bearer)"),
                    ("Berth-RPC-Timeout", String(format: "%.3f", Double(timeout / .milliseconds(1)) / 1000)),
                ],
                body: body, timeout: timeout + .seconds(5))
        } catch {
            throw RPCClientError(code: .unavailable, message: error.description)
        }
        guard answer.status == 200 else { throw Self.error(from: answer, method: "\(method)", server: http.server) }
        do {
            return try answer.body.withUnsafeBytes { try Response(wireBytes: $0) }
        } catch {
            throw RPCClientError(
                code: .internal, message: "\(http.server) answered \(method) with a body that is not its response: \(error)")
        }
    }

    func close(timeout: Duration) async {}

    /// The service's status when it answered (`Berth-RPC-Status`), else the gateway's HTTP status; the message is
    /// the problem's `detail` (written for a person), with the request id to quote.
    static func error(from answer: GatewayHTTPClient.Answer, method: String, server: String) -> RPCClientError {
        let problem = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
        var message = problem["detail"] as? String ?? "\(server) answered HTTP \(answer.status) to \(method)"
        if let requestID = problem["requestId"] as? String, !requestID.isEmpty {
            message += " (request id \(requestID))"
        }
        if let raw = answer.headers.first(name: "Berth-RPC-Status").flatMap(Int.init) {
            return RPCClientError(code: RPCStatusCode(rawValue: raw), message: message)
        }
        let code: RPCStatusCode =
            switch answer.status {
            case 401: .unauthenticated
            case 403: .permissionDenied
            case 404: .unimplemented
            case 413: .resourceExhausted
            case 429, 502, 503: .unavailable
            case 504: .deadlineExceeded
            default: .unknown
            }
        return RPCClientError(code: code, message: message)
    }
}
