import BerthModel
import BerthRPC
import BerthRuntime

/// Decides who a call is from.
///
/// A call that carries `authorization: Bearer <token>` is from the person the token names, whichever process
/// brought it: the gateway forwards each API caller's token that way, and a person's CLI sends its own. Without a
/// token, the caller is the local account from the socket's peer credentials — accepted only when the host vouches
/// for it (root, Berth's own uid, the local admin group); anyone else must present a token. A username in a
/// message body is never an identity.
struct CallerResolver: Sendable {
    let adminGroup: String
    let verifier: any TokenVerifier

    func caller(of context: RPCCallContext) async throws(TenancyError) -> Caller {
        guard let token = BearerToken.from(metadata: context.metadata) else {
            let local = Caller.local(context.peer, adminGroup: adminGroup)
            guard local.isAdmin else {
                throw TenancyError(
                    code: .unauthenticated,
                    message: "\(local.username) is not a Berth admin on this host and sent no token: "
                        + "sign in with `berth login`, or run as root or a member of \(adminGroup)")
            }
            return local
        }
        do {
            return Caller(verified: try await verifier.verify(token))
        } catch where error.code == .unavailable || error.code == .deadlineExceeded {
            throw TenancyError(code: .unavailable, message: "cannot check the caller's token: \(error.message)")
        } catch {
            throw TenancyError(
                code: .unauthenticated, message: "the bearer token was refused (\(error.message)): sign in again")
        }
    }
}

extension Caller {
    /// A person identified by their verified Berth token.
    init(verified token: IdentityV1.VerifyTokenResponse) {
        self.init(
            username: token.username, groups: Set(token.groups), isAdmin: token.groups.contains(BerthGroups.admins),
            source: "token:\(token.subject)", subject: token.subject, authenticatedBy: "berth-token")
    }
}
