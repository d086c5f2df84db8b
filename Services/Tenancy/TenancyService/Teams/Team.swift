import BerthKube
import BerthModel
import Foundation

/// A team: a DNS-1123 name, the directory groups and users that belong to it with their roles, and the limits
/// over all of its spaces.
struct Team: Sendable, Equatable {
    var name: DNSLabel
    var displayName: String
    /// Directory groups with the member role (the original, simplest form of membership).
    var groups: [String]
    var members: [TeamMembership] = []
    var quota = TeamQuota()
    var createdAt: Date

    /// The caller's strongest role in the team, nil when they do not belong to it. An access key limited to
    /// teams (`team:<name>[:<role>]`) has no role outside them, and at most the role its scope names.
    func role(of caller: Caller) -> TeamRole? {
        if let scoped = caller.scopedTeams {
            guard scoped.contains(name.rawValue) else { return nil }
            let cap = (caller.keyScopes ?? []).compactMap { scope -> TeamRole? in
                let parts = scope.split(separator: ":").map(String.init)
                return parts.count == 3 && parts[1] == name.rawValue ? TeamRole(rawValue: parts[2]) : nil
            }.max()
            guard let strongest = ownRole(of: caller) else { return nil }
            return cap.map { max(strongest, $0) } ?? strongest
        }
        return ownRole(of: caller)
    }

    private func ownRole(of caller: Caller) -> TeamRole? {
        var roles: [TeamRole] = []
        if !caller.groups.isDisjoint(with: groups) { roles.append(.member) }
        for member in members {
            switch member.kind {
            case .group where caller.groups.contains(member.name): roles.append(member.role)
            case .user where caller.username == member.name: roles.append(member.role)
            default: continue
            }
        }
        return roles.min()  // owner < member < viewer
    }

    /// Who holds each role, as RoleBindings name them.
    var roleSubjects: RoleSubjects {
        var subjects = RoleSubjects(groups: [.member: groups])
        for member in members {
            switch member.kind {
            case .group: subjects.groups[member.role, default: []].append(member.name)
            case .user: subjects.users[member.role, default: []].append(member.name)
            }
        }
        return subjects
    }
}

/// One group or user of a team.
struct TeamMembership: Sendable, Equatable, Codable {
    enum Kind: String, Sendable, Codable { case group, user }
    var kind: Kind
    var name: String
    var role: TeamRole
}

/// Limits over all of a team's spaces; nil is no limit. Amounts are summed over the spaces' ResourceQuotas.
struct TeamQuota: Sendable, Equatable, Codable {
    var maxSpaces: Int?
    var cpu: String?
    var memory: String?
    var storage: String?

    var isEmpty: Bool { maxSpaces == nil && cpu == nil && memory == nil && storage == nil }
}
