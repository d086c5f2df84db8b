/// A client call failed. `code` is the gRPC status; `message` says what happened and what to do, e.g.
/// "berth-audit is not running: no socket at /run/berth/audit.sock (is berthd running? see `berthd status`)".
public struct RPCClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The gRPC status code (`permissionDenied`, `deadlineExceeded`, `unavailable`, …).
    public typealias Code = RPCStatusCode

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
