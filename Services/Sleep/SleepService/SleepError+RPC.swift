import BerthRPC

/// The one place sleep errors become gRPC statuses.
extension SleepError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode {
        switch code {
        case .notFound: .notFound
        case .permissionDenied: .permissionDenied
        case .unauthenticated: .unauthenticated
        case .failedPrecondition: .failedPrecondition
        case .deadlineExceeded: .deadlineExceeded
        case .unavailable: .unavailable
        default: .invalidArgument
        }
    }

    public var rpcStatusMessage: String { message }
}
