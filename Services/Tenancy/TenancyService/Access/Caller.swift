import BerthRPC
import Glibc

/// Who is calling a tenancy RPC, as far as tenancy's rules are concerned (`CallerResolver` decides which).
///
/// A local process is identified by the kernel (SO_PEERCRED): its user name and Unix groups, admin when it is
/// root, Berth's own user or a member of `rpc.adminGroup`. A person is identified by their Berth token: username,
/// directory groups, admin through `berth-admins`.
struct Caller: Sendable, Equatable {
    var username: String
    var groups: Set<String>
    var isAdmin: Bool
    /// For audit: "uid:1000" or "token:<sub>".
    var source: String
    /// The stable subject: the token's `sub`, or the local user name.
    var subject: String
    /// `peer-credentials` or `berth-token`.
    var authenticatedBy: String

    init(
        username: String, groups: Set<String>, isAdmin: Bool, source: String, subject: String? = nil,
        authenticatedBy: String = "peer-credentials"
    ) {
        self.username = username
        self.groups = groups
        self.isAdmin = isAdmin
        self.source = source
        self.subject = subject ?? username
        self.authenticatedBy = authenticatedBy
    }

    static func local(_ peer: PeerCredentials, adminGroup: String) -> Caller {
        let groupIDs = Set([peer.gid] + SystemGroups.groups(of: peer))
        let groups = Set(groupIDs.compactMap(HostAccounts.groupName(of:)))
        let isAdmin = peer.uid == 0 || peer.uid == getuid() || groups.contains(adminGroup)
        return Caller(
            username: HostAccounts.userName(of: peer.uid) ?? "uid-\(peer.uid)", groups: groups, isAdmin: isAdmin,
            source: "uid:\(peer.uid)")
    }

    var auditActor: AuditV1.Actor {
        AuditV1.Actor(
            subject: subject, username: username, groups: groups.sorted(), authenticatedBy: authenticatedBy,
            source: source)
    }
}

extension Caller {
    /// Throws `permissionDenied` unless the caller is an admin; `action` completes "only admins may …".
    func requireAdmin(to action: String) throws(TenancyError) {
        guard isAdmin else {
            throw TenancyError(
                code: .permissionDenied,
                message: "only Berth admins may \(action); \(username) is not one (ask a member of berth-admins)")
        }
    }
}
