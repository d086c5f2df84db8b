import BerthRPC

/// A group as the API shows it (admins): members are user ids (subjects), as `GET /api/v1/users` shows them.
struct GroupResource: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var memberIds: [String]
    var createdAt: String?

    init(_ group: IdentityV1.GroupRecord) {
        id = group.id
        name = group.name
        memberIds = group.memberIds
        createdAt = APITime.string(unixSeconds: group.createdAtUnix)
    }
}

/// `POST /api/v1/groups`.
struct CreateGroupBody: Decodable, Sendable {
    var name: String
    var memberIds: [String]?
}

/// `POST /api/v1/groups/{name}/members`: adds, then removes (user ids).
struct UpdateGroupMembersBody: Decodable, Sendable {
    var add: [String]?
    var remove: [String]?
}
