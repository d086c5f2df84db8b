/// What an RPC does to the service's state: the authorizer decides from this who may call it.
public enum RPCAccess: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Reads state; any local caller the policy lets in may call it.
    case read
    /// Changes state.
    case write
    /// Changes how the service itself runs (keys, backups, shutdown).
    case admin

    public var description: String { rawValue }
}
