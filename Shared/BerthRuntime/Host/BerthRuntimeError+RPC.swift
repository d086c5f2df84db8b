import BerthRPC

/// The one place runtime errors (from the RPCs the host serves itself, `berth.admin.v1`) become gRPC statuses.
extension BerthRuntimeError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode {
        switch code {
        case .invalidRequest: .invalidArgument
        case .alreadyExists: .alreadyExists
        case .backupFailed: .failedPrecondition
        default: .internal
        }
    }

    public var rpcStatusMessage: String { message }
}
