import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem answer: what went wrong and what to do.
struct WebhookProblem: Error, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let detail: String

    static func invalid(_ detail: String) -> WebhookProblem {
        WebhookProblem(status: .badRequest, title: "invalid audit event", detail: detail)
    }

    var response: Response {
        let object: [String: Any] = ["type": "about:blank", "title": title, "status": status.code, "detail": detail]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }
}
