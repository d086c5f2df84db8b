import BerthRPC

/// A team as the API shows it.
struct TeamResource: Codable, Sendable, Equatable {
    struct Member: Codable, Sendable, Equatable {
        /// `group` or `user`.
        var kind: String
        var name: String
        /// owner, member or viewer.
        var role: String
    }

    struct Quota: Codable, Sendable, Equatable {
        var maxSpaces: UInt32
        var cpu: String
        var memory: String
        var storage: String
    }

    var name: String
    var displayName: String
    var groups: [String]
    var members: [Member]
    var quota: Quota?
    var createdAt: String?

    init(_ team: TenancyV1.Team) {
        name = team.name
        displayName = team.displayName
        groups = team.groups
        members = team.members.map { Member(kind: $0.kind, name: $0.name, role: $0.role) }
        quota = team.quota.map { Quota(maxSpaces: $0.maxSpaces, cpu: $0.cpu, memory: $0.memory, storage: $0.storage) }
        createdAt = APITime.string(unixSeconds: team.createdUnixSeconds)
    }
}

/// `POST /api/v1/teams`.
struct CreateTeamBody: Decodable, Sendable {
    var name: String
    var displayName: String?
    var groups: [String]?
    var members: [TeamResource.Member]?
    var quota: TeamResource.Quota?

    var team: TenancyV1.Team {
        TenancyV1.Team(
            name: name, displayName: displayName ?? "", groups: groups ?? [],
            members: (members ?? []).map { TenancyV1.TeamMember(kind: $0.kind, name: $0.name, role: $0.role) },
            quota: quota.map { TenancyV1.TeamQuota(maxSpaces: $0.maxSpaces, cpu: $0.cpu, memory: $0.memory, storage: $0.storage) })
    }
}

/// `POST /api/v1/teams/{name}/members`.
struct UpdateMembersBody: Decodable, Sendable {
    var add: [TeamResource.Member]?
    var remove: [TeamResource.Member]?
}
