/// An error a handler may throw that knows which gRPC status it is.
///
/// Each service maps its own error type at the edge (`TenancyError+RPC.swift`). The message goes to the caller
/// verbatim, so it must be safe to show and say what to do. Errors that do not conform become `internal`: the
/// caller gets only a request id, and the error itself goes to the service log.
public protocol RPCStatusConvertible: Error {
    var rpcStatusCode: RPCStatusCode { get }
    var rpcStatusMessage: String { get }
}
