/// An access key row: everything but the secret, which exists only as its SHA-256.
public struct StoredAccessKey: Sendable, Equatable {
    public var id: String
    /// The owner's subject.
    public var userID: String
    /// Filled on reads (joined from users); ignored by `create`.
    public var ownerUsername: String
    public var name: String
    public var scopes: [String]
    /// SHA-256 of the secret, lowercase hex.
    public var secretSHA256: String
    /// Seconds since 1970; `expiresAt`, `lastUsedAt`, `revokedAt` are 0 for never.
    public var createdAt: Int64
    public var expiresAt: Int64
    public var lastUsedAt: Int64
    public var revokedAt: Int64

    public init(
        id: String, userID: String, ownerUsername: String = "", name: String, scopes: [String], secretSHA256: String,
        createdAt: Int64, expiresAt: Int64 = 0, lastUsedAt: Int64 = 0, revokedAt: Int64 = 0
    ) {
        self.id = id
        self.userID = userID
        self.ownerUsername = ownerUsername
        self.name = name
        self.scopes = scopes
        self.secretSHA256 = secretSHA256
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// Access keys.
///
/// Contract (every implementation; the SQLite one is `SQLiteAccessKeyStore`):
/// - `create` stores a key atomically; an owner that does not exist throws `.notFound`, an id collision
///   `.storage`.
/// - `key(id:)` returns nil for an unknown id. `keys(userID:…)` lists newest first; nil lists every owner.
/// - `revoke` sets `revokedAt` once (a second revoke keeps the first time) and returns the row, nil when unknown.
///   `revokeAll(userID:at:)` revokes every live key of the user in one transaction and returns their ids.
/// - `markUsed` writes `lastUsedAt = at` only when the stored value is older than `at - minimumInterval`, in one
///   statement, so concurrent verifications write at most once per interval.
/// - Rows go away with their user (ON DELETE CASCADE). Storage failures throw `.storage`; none is retried.
public protocol AccessKeyStore: Sendable {
    func create(_ key: StoredAccessKey) throws(IdentityError)
    func key(id: String) throws(IdentityError) -> StoredAccessKey?
    func keys(userID: String?, includeRevoked: Bool) throws(IdentityError) -> [StoredAccessKey]
    func revoke(id: String, at: Int64) throws(IdentityError) -> StoredAccessKey?
    @discardableResult
    func revokeAll(userID: String, at: Int64) throws(IdentityError) -> [String]
    /// True when it wrote.
    @discardableResult
    func markUsed(id: String, at: Int64, minimumInterval: Int64) throws(IdentityError) -> Bool
}
