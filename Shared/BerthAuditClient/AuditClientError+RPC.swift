import BerthRPC

/// The one place audit client errors become gRPC statuses: a refused or unreachable audit answers `unavailable`
/// (the caller may retry once audit is back); anything else is the service's own fault.
extension AuditClientError: RPCStatusConvertible {
    public var rpcStatusCode: RPCStatusCode {
        switch code {
        case .refused, .unreachable: .unavailable
        default: .internal
        }
    }

    public var rpcStatusMessage: String { message }
}
