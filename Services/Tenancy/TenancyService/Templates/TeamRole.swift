/// A person's role in a team, and the ClusterRole it is bound to inside the team's spaces.
public enum TeamRole: String, Sendable, Codable, CaseIterable, Comparable {
    case owner, member, viewer

    /// Kubernetes' default user-facing ClusterRoles: admin (manage the namespace incl. RBAC), edit, view.
    public var clusterRole: String {
        switch self {
        case .owner: "admin"
        case .member: "edit"
        case .viewer: "view"
        }
    }

    public static func < (lhs: TeamRole, rhs: TeamRole) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Who holds each role in a space: directory groups and individual users, as Berth knows them (unprefixed).
public struct RoleSubjects: Sendable, Equatable {
    public var groups: [TeamRole: [String]]
    public var users: [TeamRole: [String]]

    public init(groups: [TeamRole: [String]] = [:], users: [TeamRole: [String]] = [:]) {
        self.groups = groups
        self.users = users
    }
}

/// The prefixes kube-apiserver puts before OIDC usernames and groups (`--oidc-username-prefix`,
/// `--oidc-groups-prefix`, or `claimMappings` in an AuthenticationConfiguration): RoleBindings must name subjects
/// exactly as the API server will see them.
public struct SubjectPrefixes: Sendable, Equatable, Codable {
    public var username: String
    public var groups: String

    public init(username: String = "berth:", groups: String = "berth:") {
        self.username = username
        self.groups = groups
    }
}
