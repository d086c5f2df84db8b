import BerthRPC

/// Audit's error: a stable code and a message that names the thing, the problem and the fix.
public struct AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidEvent, tooManyEvents, invalidQuery, signingKey, storage, sink
            case invalidWebhook, notFound, alreadyExists, unauthenticated, permissionDenied
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// An event in a batch is not acceptable (no id, unknown action, too large): the batch is refused.
        public static let invalidEvent = Code(.invalidEvent)
        /// A batch over the size limit.
        public static let tooManyEvents = Code(.tooManyEvents)
        /// Query filters or page token that cannot be used.
        public static let invalidQuery = Code(.invalidQuery)
        /// The checkpoint signing key cannot be loaded or created.
        public static let signingKey = Code(.signingKey)
        /// audit.db refused a write (disk full, read-only, corrupt).
        public static let storage = Code(.storage)
        /// An export sink could not deliver.
        public static let sink = Code(.sink)
        /// A webhook registration that cannot be used (bad URL, name, filter).
        public static let invalidWebhook = Code(.invalidWebhook)
        /// No webhook or delivery with that id.
        public static let notFound = Code(.notFound)
        /// A webhook of that name exists.
        public static let alreadyExists = Code(.alreadyExists)
        /// The caller's token was refused (or a local caller the host does not vouch for sent none).
        public static let unauthenticated = Code(.unauthenticated)
        /// Only admins manage webhooks.
        public static let permissionDenied = Code(.permissionDenied)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension AuditError {
    /// A sink could not deliver (it retries with backoff; the message goes to the log).
    static func sink(_ name: String, _ problem: String) -> AuditError {
        AuditError(code: .sink, message: "audit sink \(name): \(problem)")
    }
}
