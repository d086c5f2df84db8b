import BerthRPC

/// An access key as the API shows it: never the secret, which only the 201 of its creation carries.
struct AccessKeyResource: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var ownerSubject: String
    var ownerUsername: String
    /// `read-only`, `admin`, `scim`, `team:<name>`, `team:<name>:<role>`.
    var scopes: [String]
    var createdAt: String?
    var expiresAt: String?
    var lastUsedAt: String?
    var revokedAt: String?

    init(_ key: IdentityV1.AccessKey) {
        id = key.id
        name = key.name
        ownerSubject = key.ownerSubject
        ownerUsername = key.ownerUsername
        scopes = key.scopes
        createdAt = APITime.string(unixSeconds: key.createdAtUnix)
        expiresAt = APITime.string(unixSeconds: key.expiresAtUnix)
        lastUsedAt = APITime.string(unixSeconds: key.lastUsedAtUnix)
        revokedAt = APITime.string(unixSeconds: key.revokedAtUnix)
    }
}

/// The 201 of `POST /api/v1/access-keys`: the key and, this once, its token.
struct CreatedAccessKeyResource: Encodable, Sendable {
    var key: AccessKeyResource
    /// `berth_ak_<id>_<secret>`: shown only here; Berth keeps only its digest.
    var token: String
}

/// `POST /api/v1/access-keys`.
struct CreateAccessKeyBody: Decodable, Sendable {
    var name: String
    var scopes: [String]
    /// A username or subject; absent: the caller (admins may name anyone).
    var owner: String?
    /// Absent or 0: never expires.
    var expiresInSeconds: Int64?
}
