import BerthRPC

/// Decides who a call is from, the same way in every service that acts for people.
///
/// A call that carries `authorization: Bearer <token>` is from the person the token names, whichever process
/// brought it: the gateway forwards each API caller's token that way, and a person's CLI sends its own. Without a
/// token, the caller is the local account from the socket's peer credentials — accepted only when the host vouches
/// for it (root, Berth's own uid, the local admin group); anyone else must present a token. A username in a
/// message body is never an identity.
public struct PrincipalResolver: Sendable {
    public let adminGroup: String
    public let verifier: any TokenVerifier

    public init(adminGroup: String, verifier: any TokenVerifier) {
        self.adminGroup = adminGroup
        self.verifier = verifier
    }

    /// The caller of `context`; throws `unauthenticated` (refused token, or an unvouched local caller without
    /// one) or `unavailable` (identity cannot be asked), with a message saying what to do.
    public func principal(of context: RPCCallContext) async throws(PrincipalError) -> Principal {
        try await principal(peer: context.peer, metadata: context.metadata, access: context.method.access)
    }

    /// The same from the call's parts (`access`: what the method does, for read-only access keys).
    public func principal(
        peer: PeerCredentials, metadata: [String: String], access: RPCAccess
    ) async throws(PrincipalError) -> Principal {
        guard let token = BearerToken.from(metadata: metadata) else {
            let local = Principal.local(peer, adminGroup: adminGroup)
            guard local.isAdmin else {
                throw PrincipalError(
                    code: .unauthenticated,
                    message: "\(local.username) is not a Berth admin on this host and sent no token: "
                        + "sign in with `berth login`, or run as root or a member of \(adminGroup)")
            }
            return local
        }
        let principal: Principal
        do {
            principal = Principal(verified: try await verifier.verify(token))
        } catch where error.code == .unavailable || error.code == .deadlineExceeded {
            throw PrincipalError(code: .unavailable, message: "cannot check the caller's token: \(error.message)")
        } catch {
            throw PrincipalError(
                code: .unauthenticated, message: "the bearer token was refused (\(error.message)): sign in again")
        }
        if principal.isReadOnly && access != .read {
            throw PrincipalError(
                code: .permissionDenied,
                message: "this access key may only read (scopes: \((principal.keyScopes ?? []).joined(separator: ", "))): "
                    + "use a key with a team or admin scope to change things")
        }
        return principal
    }
}

/// Why `PrincipalResolver` refused a call: `code` is `unauthenticated`, `unavailable`, or `permissionDenied` (a
/// read-only access key on a call that writes).
public struct PrincipalError: Error, Sendable, Equatable, RPCStatusConvertible {
    public let code: RPCStatusCode
    public let message: String

    public init(code: RPCStatusCode, message: String) {
        self.code = code
        self.message = message
    }

    public var rpcStatusCode: RPCStatusCode { code }
    public var rpcStatusMessage: String { message }
}

extension PrincipalResolver {
    /// The resolver a service builds from its configuration: the local admin group `rpc.adminGroup`, tokens
    /// checked by berth-identity over its socket unless a verifier is given (tests).
    public init(config: BerthConfig, verifier: (any TokenVerifier)? = nil) {
        self.init(
            adminGroup: config.rpc.adminGroup,
            verifier: verifier
                ?? IdentityTokenVerifier(
                    identitySocket: BerthPaths(config: config).socketPath(for: .identity),
                    audience: config.identity.apiAudience))
    }
}
