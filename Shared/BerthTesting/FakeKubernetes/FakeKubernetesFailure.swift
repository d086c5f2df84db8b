import Foundation

/// An injected failure: the next `count` requests whose method matches (nil = any) and whose path contains
/// `pathContains` answer `status` with a Status body (and `Retry-After` when given).
public struct FakeKubernetesFailure: Sendable {
    public var method: String?
    public var pathContains: String
    public var status: Int
    public var count: Int
    public var retryAfterSeconds: Int?

    public init(method: String? = nil, pathContains: String = "", status: Int, count: Int = 1, retryAfterSeconds: Int? = nil) {
        self.method = method
        self.pathContains = pathContains
        self.status = status
        self.count = count
        self.retryAfterSeconds = retryAfterSeconds
    }

    func matches(method: String, path: String) -> Bool {
        (self.method == nil || self.method == method) && (pathContains.isEmpty || path.contains(pathContains))
    }

    var statusBody: FakeKubernetesStatus {
        let reason =
            switch status {
            case 429: "TooManyRequests"
            case 500: "InternalError"
            case 503: "ServiceUnavailable"
            case 504: "Timeout"
            case 403: "Forbidden"
            case 409: "Conflict"
            default: "InternalError"
            }
        return FakeKubernetesStatus(
            code: status, reason: reason, message: "injected failure (\(status))",
            details: retryAfterSeconds.map { ["retryAfterSeconds": .int(Int64($0))] })
    }
}

/// One request the fake answered: for counting API requests per space in benchmarks and tests.
public struct FakeKubernetesRequestRecord: Sendable {
    public var method: String
    public var path: String
    public var query: String
    public var status: Int
}
