/// Tenancy's error: a stable code and a message that names the thing, the problem and the fix.
public struct TenancyError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, alreadyExists, notFound, invalidTemplate, quotaExceeded, unavailable, permissionDenied
            case unauthenticated
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let invalidArgument = Code(.invalidArgument)
        public static let alreadyExists = Code(.alreadyExists)
        public static let notFound = Code(.notFound)
        /// A template that does not parse, renders to something Berth refuses, or is given bad parameters.
        public static let invalidTemplate = Code(.invalidTemplate)
        /// A limit (team quota, personal spaces) would be passed; the message says used, asked and limit.
        public static let quotaExceeded = Code(.quotaExceeded)
        /// What the request needs is not there yet (no cluster connected).
        public static let unavailable = Code(.unavailable)
        /// The caller may see the thing but not do this to it.
        public static let permissionDenied = Code(.permissionDenied)
        /// The call's bearer token was refused, or a caller the host does not vouch for sent none.
        public static let unauthenticated = Code(.unauthenticated)

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

extension TenancyError {
    /// A template problem; `line` (1-based, in the template's manifests) when the problem has one.
    static func invalidTemplate(line: Int?, _ reason: String) -> TenancyError {
        TenancyError(code: .invalidTemplate, message: line.map { "template line \($0): \(reason)" } ?? "template: \(reason)")
    }
}

extension TenancyError {
    static func quotaExceeded(_ message: String) -> TenancyError { TenancyError(code: .quotaExceeded, message: message) }
}
