import BerthRPC

/// A user as the API shows it (admins): identity's record, never a password.
struct UserResource: Codable, Sendable, Equatable {
    /// The stable subject (`sub`).
    var id: String
    var username: String
    var displayName: String
    var email: String
    var active: Bool
    var connector: String
    var groups: [String]
    var createdAt: String?

    init(_ user: IdentityV1.UserRecord) {
        id = user.id
        username = user.username
        displayName = user.displayName
        email = user.email
        active = user.active
        connector = user.connectorId
        groups = user.groups
        createdAt = APITime.string(unixSeconds: user.createdAtUnix)
    }
}

/// `POST /api/v1/users`.
struct CreateUserBody: Decodable, Sendable {
    var username: String
    var displayName: String?
    var email: String?
    /// Absent: true.
    var active: Bool?
    /// Absent: `local`.
    var connector: String?
    /// Local users only; absent: the user cannot sign in with a password.
    var password: String?
    /// Group names, created on first use.
    var groups: [String]?
}

/// `PATCH /api/v1/users/{name}`: what is present changes, what is absent stays.
struct UpdateUserBody: Decodable, Sendable {
    var displayName: String?
    var email: String?
    /// false ends the user's sessions and revokes their access keys at once.
    var active: Bool?
}
