import BerthModel
import BerthRPC
import Glibc

/// Who a call is from, after authentication: a person named by their Berth token, or a local account the host
/// vouches for. Services decide what it may do; `PrincipalResolver` decides who it is.
public struct Principal: Sendable, Equatable {
    public var username: String
    /// The stable subject: the token's `sub`, or the local user name.
    public var subject: String
    public var groups: Set<String>
    public var isAdmin: Bool
    /// `peer-credentials` or `berth-token`.
    public var authenticatedBy: String
    /// For audit: "uid:1000" or "token:<sub>".
    public var source: String

    public init(
        username: String, subject: String? = nil, groups: Set<String>, isAdmin: Bool,
        authenticatedBy: String = "peer-credentials", source: String
    ) {
        self.username = username
        self.subject = subject ?? username
        self.groups = groups
        self.isAdmin = isAdmin
        self.authenticatedBy = authenticatedBy
        self.source = source
    }

    /// A local process, from the kernel's peer credentials: admin when it is root, Berth's own user or a member
    /// of the local admin group.
    public static func local(_ peer: PeerCredentials, adminGroup: String) -> Principal {
        let groupIDs = Set([peer.gid] + SystemGroups.groups(of: peer))
        let groups = Set(groupIDs.compactMap(HostAccounts.groupName(of:)))
        let isAdmin = peer.uid == 0 || peer.uid == getuid() || groups.contains(adminGroup)
        return Principal(
            username: HostAccounts.userName(of: peer.uid) ?? "uid-\(peer.uid)", groups: groups, isAdmin: isAdmin,
            source: "uid:\(peer.uid)")
    }

    /// A person identified by their verified Berth token; admin through the `berth-admins` group.
    public init(verified token: IdentityV1.VerifyTokenResponse) {
        self.init(
            username: token.username, subject: token.subject, groups: Set(token.groups),
            isAdmin: token.groups.contains(BerthGroups.admins), authenticatedBy: "berth-token",
            source: "token:\(token.subject)")
    }

    /// How the audit log names this caller.
    public var auditActor: AuditV1.Actor {
        AuditV1.Actor(
            subject: subject, username: username, groups: groups.sorted(), authenticatedBy: authenticatedBy,
            source: source)
    }
}
