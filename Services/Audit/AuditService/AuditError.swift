import BerthRPC

/// Audit's error: a stable code and a message that names the thing, the problem and the fix.
public struct AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidEvent, tooManyEvents
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let invalidEvent = Code(.invalidEvent)
        public static let tooManyEvents = Code(.tooManyEvents)

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

/// The one place audit errors become gRPC statuses.
extension AuditError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode { code == .tooManyEvents ? .resourceExhausted : .invalidArgument }
    public var rpcStatusMessage: String { message }
}
