/// Sleep's error: a stable code and a message that names the thing, the problem and the fix.
public struct SleepError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, notFound, permissionDenied, unauthenticated, failedPrecondition, deadlineExceeded
            case unavailable
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let invalidArgument = Code(.invalidArgument)
        public static let notFound = Code(.notFound)
        /// The caller may not do this to this space (not theirs, or prevent-wake and not its owner).
        public static let permissionDenied = Code(.permissionDenied)
        /// The caller's bearer token was refused.
        public static let unauthenticated = Code(.unauthenticated)
        /// The space is not in a state that allows it (kept awake, being deleted).
        public static let failedPrecondition = Code(.failedPrecondition)
        /// A wake did not finish within its timeout (it goes on; the loop finishes it).
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// Tenancy or a cluster's API could not be reached.
        public static let unavailable = Code(.unavailable)

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
