import BerthRPC
import Glibc

/// The real `SpaceAuthorizer`:
/// - a local admin (root, Berth's own user, a member of `rpc.adminGroup`, by peer credentials — as tenancy's
///   `Caller.local`) may do anything;
/// - a person's call (metadata `authorization: Bearer …`, from the gateway or `berth` after `berth login`) is
///   identified by identity's `VerifyToken`, and allowed when tenancy's `GetSpace`, called with the same
///   metadata, answers the space (tenancy refuses spaces the caller may not see);
/// - any other caller is refused with what to do.
struct TenancySpaceAuthorizer: SpaceAuthorizer {
    let tenancy: UnixRPCClient
    let identity: UnixRPCClient
    let adminGroup: String

    func authorize(
        _ operation: SpaceOperation, space: DirectorySpace, peer: PeerCredentials, metadata: [String: String]
    ) async throws -> SleepActor {
        if let admin = Self.localAdmin(peer, adminGroup: adminGroup) { return admin }
        guard let header = metadata["authorization"], header.hasPrefix("Bearer ") else {
            throw SleepError(
                code: .permissionDenied,
                message: "\(operation.rawValue) of space \"\(space.name)\" needs a Berth login: run `berth login` "
                    + "(or ask a member of the admin group)")
        }
        let token = String(header.dropFirst("Bearer ".count))
        let claims: IdentityV1.VerifyTokenResponse
        do {
            claims = try await identity.unary(IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: token))
        } catch where error.code == .unavailable || error.code == .deadlineExceeded {
            throw SleepError(code: .unavailable, message: "identity cannot be reached to check the token: try again")
        } catch {
            throw SleepError(code: .unauthenticated, message: "the bearer token was refused (\(error.message)): run `berth login`")
        }
        do {
            _ = try await tenancy.unary(
                TenancyV1.getSpace, TenancyV1.GetSpaceRequest(cluster: space.cluster, name: space.name),
                metadata: ["authorization": header])
        } catch where error.code == .notFound || error.code == .permissionDenied {
            throw SleepError(
                code: .permissionDenied,
                message: "\(claims.username) may not \(operation.rawValue) space \"\(space.name)\": ask its owner or team")
        } catch {
            throw SleepError(code: .unavailable, message: "tenancy cannot be reached to check access: try again")
        }
        return SleepActor(
            username: claims.username, isAdmin: false,
            auditActor: AuditV1.Actor(
                subject: claims.subject, username: claims.username, groups: claims.groups,
                authenticatedBy: "bearer-token", source: "uid:\(peer.uid)"))
    }

    static func localAdmin(_ peer: PeerCredentials, adminGroup: String) -> SleepActor? {
        let groupIDs = Set([peer.gid] + SystemGroups.groups(of: peer))
        let isAdmin = peer.uid == 0 || peer.uid == getuid()
            || HostAccounts.groupID(named: adminGroup).map(groupIDs.contains) == true
        guard isAdmin else { return nil }
        let username = HostAccounts.userName(of: peer.uid) ?? "uid-\(peer.uid)"
        return SleepActor(
            username: username, isAdmin: true,
            auditActor: AuditV1.Actor(
                subject: username, username: username, authenticatedBy: "peer-credentials", source: "uid:\(peer.uid)"))
    }
}
