import BerthRPC

/// Identity errors at the RPC edge. Storage and crypto failures are `internal`-like (`unavailable` for storage,
/// which a retry may fix); their detail stays in the log.
extension IdentityError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode {
        switch code {
        case .invalidCredentials, .invalidToken: .unauthenticated
        case .invalidArgument: .invalidArgument
        case .unknownConnector, .unknownClient, .notFound: .notFound
        case .permissionDenied: .permissionDenied
        case .alreadyExists: .alreadyExists
        case .auditUnavailable, .storage, .directoryUnavailable, .upstreamUnavailable: .unavailable
        case .invalidConfig: .failedPrecondition
        case .permissionDenied: .permissionDenied
        default: .internal
        }
    }

    public var rpcStatusMessage: String { message }
}
