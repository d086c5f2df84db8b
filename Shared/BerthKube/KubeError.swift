import Foundation

/// Every failure of BerthKube: the API server's Status answers, transport failures and kubeconfig problems.
/// `code` is for callers to branch on (relist on `.gone`, report `.invalid` causes); `message` is for people.
public struct KubeError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notFound, alreadyExists, conflict, invalid, forbidden, unauthorized, gone, tooManyRequests
            case badRequest, methodNotAllowed, serverError, timeout, transport, badResponse, kubeconfig, unknownKind
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// 404: the object (or its namespace) does not exist.
        public static let notFound = Code(.notFound)
        /// 409 AlreadyExists: a create found the name taken.
        public static let alreadyExists = Code(.alreadyExists)
        /// 409 Conflict: a stale resourceVersion, a field-manager conflict, or a terminating namespace.
        public static let conflict = Code(.conflict)
        /// 422 Invalid: see `causes`.
        public static let invalid = Code(.invalid)
        public static let forbidden = Code(.forbidden)
        public static let unauthorized = Code(.unauthorized)
        /// 410 Gone: a watch or list resourceVersion is too old; relist and watch again.
        public static let gone = Code(.gone)
        /// 429: see `retryAfter`.
        public static let tooManyRequests = Code(.tooManyRequests)
        public static let badRequest = Code(.badRequest)
        public static let methodNotAllowed = Code(.methodNotAllowed)
        /// 5xx after retries.
        public static let serverError = Code(.serverError)
        /// The request's deadline passed.
        public static let timeout = Code(.timeout)
        /// The connection failed (refused, reset, TLS).
        public static let transport = Code(.transport)
        /// The server answered something that is not the Kubernetes API.
        public static let badResponse = Code(.badResponse)
        /// The kubeconfig or in-cluster configuration is unusable; the message names the key.
        public static let kubeconfig = Code(.kubeconfig)
        /// No resource is known for an apiVersion/kind (not built in, not in discovery).
        public static let unknownKind = Code(.unknownKind)

        public var description: String { value.rawValue }
    }

    /// One entry of a Status's `details.causes` (422 Invalid names the offending field here).
    public struct Cause: Sendable, Hashable {
        public var reason: String
        public var message: String
        public var field: String
        public init(reason: String, message: String, field: String) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public var code: Code
    public var message: String
    /// The HTTP status the API server answered, if it answered.
    public var httpStatus: Int?
    /// The Status `reason` (e.g. "NotFound", "Conflict").
    public var reason: String?
    public var causes: [Cause]
    /// From a 429's Retry-After header (or Status `details.retryAfterSeconds`).
    public var retryAfter: Duration?

    public init(
        _ code: Code, _ message: String, httpStatus: Int? = nil, reason: String? = nil, causes: [Cause] = [],
        retryAfter: Duration? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.reason = reason
        self.causes = causes
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        for cause in causes { text += "; \(cause.field): \(cause.message)" }
        return text
    }

    /// Whether an idempotent request that failed this way may be tried again.
    public var isRetryable: Bool {
        [.tooManyRequests, .serverError, .timeout, .transport].contains(code)
    }

    static func kubeconfig(_ key: String, _ problem: String, fix: String) -> KubeError {
        KubeError(.kubeconfig, "kubeconfig \(key): \(problem): \(fix)")
    }
}
