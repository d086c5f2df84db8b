import BerthCrypto

/// Checks an access key presented as a bearer token: shape, row, secret (constant time), revocation, expiry,
/// and that its owner still exists and is active. Records the use at most once a minute.
///
/// Every refusal is the same `invalidToken` answer, whatever was wrong; `detail` (log only) says what.
public struct AccessKeyVerifier: Sendable {
    let keys: any AccessKeyStore
    let users: any UserStore
    let now: @Sendable () -> Int64
    /// Seconds between two `lastUsedAt` writes of one key: a busy automation verifies many times a minute,
    /// and each write is an fsync'd SQLite transaction.
    let lastUsedInterval: Int64

    public init(
        keys: any AccessKeyStore, users: any UserStore, now: @escaping @Sendable () -> Int64,
        lastUsedInterval: Int64 = 60
    ) {
        self.keys = keys
        self.users = users
        self.now = now
        self.lastUsedInterval = lastUsedInterval
    }

    public struct Verified: Sendable {
        public let key: StoredAccessKey
        public let user: User
    }

    public func verify(_ text: String) throws(IdentityError) -> Verified {
        guard let token = AccessKeyToken(parsing: text) else { throw Self.refused("malformed access key") }
        guard let key = try keys.key(id: token.id) else { throw Self.refused("unknown access key \(token.id)") }
        // Both sides are 64 hex digits; comparing them in constant time leaks nothing about the stored digest.
        let presented = Array(try token.secretDigest().hexString.utf8)
        guard ConstantTime.equals(presented, Array(key.secretSHA256.utf8)) else {
            throw Self.refused("wrong secret for access key \(key.id)")
        }
        let at = now()
        if key.revokedAt != 0 { throw Self.refused("access key \(key.id) was revoked") }
        if key.expiresAt != 0 && at >= key.expiresAt { throw Self.refused("access key \(key.id) expired") }
        guard let user = try users.user(id: key.userID), !user.disabled else {
            throw Self.refused("the owner of access key \(key.id) is missing or deactivated")
        }
        if at - key.lastUsedAt >= lastUsedInterval {
            try keys.markUsed(id: key.id, at: at, minimumInterval: lastUsedInterval)
        }
        return Verified(key: key, user: user)
    }

    /// The one answer to every bad access key.
    static func refused(_ detail: String) -> IdentityError {
        IdentityError(
            code: .invalidToken,
            message: "the access key is not valid (unknown, expired or revoked): create a new one with "
                + "`berth accesskey create`",
            detail: detail)
    }
}
