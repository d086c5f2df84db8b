import BerthRPC

/// The one place tenancy errors become gRPC statuses.
extension TenancyError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode {
        switch code {
        case .alreadyExists: .alreadyExists
        case .notFound: .notFound
        case .quotaExceeded: .resourceExhausted
        case .unavailable: .unavailable
        case .permissionDenied: .permissionDenied
        case .unauthenticated: .unauthenticated
        default: .invalidArgument
        }
    }

    public var rpcStatusMessage: String { message }
}
