import BerthRPC
import BerthRuntime

/// The real `SpaceAuthorizer`, with the caller decided the way every service decides it (`PrincipalResolver`):
/// - a call carrying `authorization: Bearer …` (the gateway forwards each person's token; `berth` sends the cached
///   login) is that person: an admin (`berth-admins`) may do anything; anyone else is allowed when tenancy's
///   `GetSpace`, called with the same token, answers the space (tenancy refuses spaces the caller may not see);
/// - without a token, a local admin (root, Berth's own user, a member of `rpc.adminGroup`) may do anything;
/// - anyone else is refused with what to do.
struct TenancySpaceAuthorizer: SpaceAuthorizer {
    let tenancy: UnixRPCClient
    let principals: PrincipalResolver

    func authorize(
        _ operation: SpaceOperation, space: DirectorySpace, peer: PeerCredentials, metadata: [String: String]
    ) async throws -> SleepActor {
        let caller: Principal
        do {
            caller = try await principals.principal(peer: peer, metadata: metadata, access: .write)
        } catch {
            let code: SleepError.Code =
                switch error.code {
                case .unavailable: .unavailable
                case .permissionDenied: .permissionDenied
                default: .unauthenticated
                }
            throw SleepError(code: code, message: "\(operation.rawValue) of space \"\(space.name)\": \(error.message)")
        }
        let actor = SleepActor(username: caller.username, isAdmin: caller.isAdmin, auditActor: caller.auditActor)
        guard !caller.isAdmin else { return actor }
        do {
            _ = try await tenancy.unary(
                TenancyV1.getSpace, TenancyV1.GetSpaceRequest(cluster: space.cluster, name: space.name), metadata: metadata)
        } catch where error.code == .notFound || error.code == .permissionDenied {
            throw SleepError(
                code: .permissionDenied,
                message: "\(caller.username) may not \(operation.rawValue) space \"\(space.name)\": ask its owner or team")
        } catch {
            throw SleepError(code: .unavailable, message: "tenancy cannot be reached to check access: try again")
        }
        return actor
    }
}
