/// Decides whether a caller may call a method. The server asks before decoding runs the handler.
///
/// Contract: pure and fast (it runs on every call); no I/O except what the implementation documents.
/// A denial's reason is shown to the caller, so it says what is required, never anything secret.
public protocol RPCAuthorizer: Sendable {
    func authorize(
        _ peer: PeerCredentials, for method: RPCMethodDescriptor, metadata: [String: String]
    ) -> RPCAuthorizationDecision
}

public enum RPCAuthorizationDecision: Sendable, Equatable {
    case allow
    /// `requirement` completes "… requires …" (e.g. "the service's uid 998, root, or group 997").
    case deny(requirement: String)
}

/// Lets everyone in: for tests and for sockets whose directory permissions already decide.
public struct AllowAllAuthorizer: RPCAuthorizer {
    public init() {}
    public func authorize(
        _ peer: PeerCredentials, for method: RPCMethodDescriptor, metadata: [String: String]
    ) -> RPCAuthorizationDecision { .allow }
}
