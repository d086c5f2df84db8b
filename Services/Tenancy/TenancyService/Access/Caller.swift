import BerthRPC
import Glibc

/// Who is calling a tenancy RPC, as far as tenancy's rules are concerned.
///
/// Today every caller is a local process, identified by the kernel (SO_PEERCRED): its user name and Unix groups,
/// and admin when it is root, Berth's own user or a member of `rpc.adminGroup`. (Callers that come through the
/// gateway with a Berth token are identified by the identity service; they arrive with issue 3's principals.)
struct Caller: Sendable, Equatable {
    var username: String
    var groups: Set<String>
    var isAdmin: Bool
    /// For audit: "uid:1000".
    var source: String

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
            subject: username, username: username, groups: groups.sorted(), authenticatedBy: "peer-credentials",
            source: source)
    }
}
