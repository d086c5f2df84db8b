import BerthRPC

/// The one place audit errors become gRPC statuses.
extension AuditError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode {
        switch code {
        case .tooManyEvents: .resourceExhausted
        case .invalidEvent, .invalidQuery, .invalidWebhook: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .unauthenticated: .unauthenticated
        case .permissionDenied: .permissionDenied
        default: .unavailable
        }
    }
    public var rpcStatusMessage: String { message }
}
