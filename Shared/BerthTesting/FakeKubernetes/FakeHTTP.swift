import BerthKube
import Foundation

/// A request as the fake's API logic sees it (independent of the HTTP server library).
struct FakeHTTPRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var rawQuery: String
    var accept: String
    var contentType: String
    var userAgent: String
    var body: Data
}

/// The fake's answer: a whole body, or a watch stream (lines already JSON-encoded, each ending in "\n").
enum FakeHTTPResponse: Sendable {
    case body(status: Int, contentType: String, data: Data, retryAfter: Int?)
    case watch(initial: [Data], stream: AsyncStream<Data>, continuation: AsyncStream<Data>.Continuation, timeoutSeconds: Int)

    static func json(_ value: JSONValue, status: Int = 200) -> FakeHTTPResponse {
        .body(status: status, contentType: "application/json", data: (try? value.jsonData()) ?? Data(), retryAfter: nil)
    }

    static func status(_ status: FakeKubernetesStatus, retryAfter: Int? = nil) -> FakeHTTPResponse {
        .body(
            status: status.code, contentType: "application/json", data: (try? status.json.jsonData()) ?? Data(),
            retryAfter: retryAfter)
    }

    var statusCode: Int {
        switch self {
        case .body(let status, _, _, _): status
        case .watch: 200
        }
    }
}
