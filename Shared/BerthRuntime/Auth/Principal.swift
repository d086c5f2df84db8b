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
    /// An access key's scopes (`read-only`, `admin`, `scim`, `team:<name>[:<role>]`); nil for a person's own
    /// session or a local account, whose rights are all of theirs. A key is never wider than its owner.
    public var keyScopes: [String]?

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
        self.keyScopes = nil
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

    /// A person identified by their verified Berth token; admin through the `berth-admins` group (and, for an
    /// access key, only with its `admin` scope).
    public init(verified token: IdentityV1.VerifyTokenResponse) {
        let isKey = token.tokenKind == Self.accessKeyKind
        let adminByGroup = token.groups.contains(BerthGroups.admins)
        self.init(
            username: token.username, subject: token.subject, groups: Set(token.groups),
            isAdmin: isKey ? adminByGroup && token.scopes.contains("admin") : adminByGroup,
            authenticatedBy: isKey ? "access-key" : "berth-token", source: "token:\(token.subject)")
        keyScopes = isKey ? token.scopes : nil
    }

    /// `VerifyTokenResponse.tokenKind` of an access key.
    public static let accessKeyKind = "access_key"

    /// True for an access key that may only read (`read-only`, or only scopes that give tenancy and sleep
    /// nothing to change, such as `scim`).
    public var isReadOnly: Bool {
        guard let keyScopes else { return false }
        return !keyScopes.contains { $0 == "admin" || $0.hasPrefix("team:") }
    }

    /// The teams an access key is limited to (`team:<name>` scopes); nil when not limited to teams.
    public var scopedTeams: Set<String>? {
        guard let keyScopes, !keyScopes.contains("admin") else { return nil }
        let teams = keyScopes.filter { $0.hasPrefix("team:") }.compactMap { $0.split(separator: ":").dropFirst().first }
        return keyScopes.contains("read-only") && teams.isEmpty ? nil : Set(teams.map(String.init))
    }

    /// How the audit log names this caller.
    public var auditActor: AuditV1.Actor {
        AuditV1.Actor(
            subject: subject, username: username, groups: groups.sorted(), authenticatedBy: authenticatedBy,
            source: source)
    }
}
