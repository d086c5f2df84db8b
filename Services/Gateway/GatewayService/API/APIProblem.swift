import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem answer (`application/problem+json`): `type`, `title`, `status`, `detail`, plus Berth's
/// machine-readable `code` (stable, snake_case; scripts branch on it) and the `requestId` to quote in a ticket.
/// Every error of the gateway's API and middleware leaves through here.
struct APIProblem: Error, Sendable {
    let status: HTTPResponse.Status
    /// Stable machine-readable code, e.g. `not_found`, `rate_limited`; also the last part of `type`.
    let code: String
    let title: String
    let detail: String
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    static let typeBase = "https://berth.dev/problems/"

    func response(requestID: String) -> Response { reply(requestID: requestID).response }

    func reply(requestID: String) -> APIReply {
        let object: [String: Any] = [
            "type": Self.typeBase + code.replacingOccurrences(of: "_", with: "-"), "title": title,
            "status": Int(status.code), "detail": detail, "code": code, "requestId": requestID,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        var reply = APIReply(status: status, body: data, contentType: "application/problem+json", headers: headers)
        if status == .unauthorized && reply.headers[.wwwAuthenticate] == nil { reply.headers[.wwwAuthenticate] = "Bearer" }
        return reply
    }

    // MARK: - The problems the gateway itself raises

    static func unauthenticated(_ detail: String, error: String = "invalid_token") -> APIProblem {
        var problem = APIProblem(status: .unauthorized, code: "unauthenticated", title: "authentication required", detail: detail)
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"berth\", error=\"\(error)\""
        return problem
    }

    static func invalid(_ detail: String) -> APIProblem {
        APIProblem(status: .badRequest, code: "invalid_request", title: "invalid request", detail: detail)
    }

    static func notFound(_ detail: String) -> APIProblem {
        APIProblem(status: .notFound, code: "not_found", title: "not found", detail: detail)
    }

    static func tooLarge(limit: Int) -> APIProblem {
        APIProblem(
            status: .contentTooLarge, code: "body_too_large", title: "request body too large",
            detail: "the body is over the limit of \(limit) bytes: send a smaller request")
    }

    static func rateLimited(retryAfterSeconds: Int) -> APIProblem {
        var problem = APIProblem(
            status: .tooManyRequests, code: "rate_limited", title: "too many requests",
            detail: "this client sent too many requests: retry after \(retryAfterSeconds) s")
        problem.headers[.retryAfter] = "\(retryAfterSeconds)"
        return problem
    }

    static func timeout(_ limit: Duration) -> APIProblem {
        APIProblem(
            status: .serviceUnavailable, code: "timeout", title: "request timed out",
            detail: "the gateway gave up after \(limit): retry later; if it persists, see berth-gateway's log")
    }

    static let internalError = APIProblem(
        status: .internalServerError, code: "internal", title: "internal error",
        detail: "the gateway failed to answer: quote the request id when reporting it (see berth-gateway's log)")
}
