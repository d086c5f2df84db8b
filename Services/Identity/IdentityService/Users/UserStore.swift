import BerthCrypto

/// Users, groups, local password hashes and login-failure counters.
///
/// Contract (every implementation; the SQLite one is `SQLiteUserStore`):
/// - `createUser` is atomic: the user, its password hash and its group memberships appear together or not at
///   all. A username already taken throws `.alreadyExists` and changes nothing. Groups are created on first use.
/// - Lookups of a missing user return nil, never throw for it.
/// - `updateLoginFailures` reads, changes and writes a user's counters in one transaction, so concurrent failed
///   logins each count (none is lost to a read-modify-write race). `.none` removes the row.
/// - Failures of the storage itself throw `.storage`. No method is retried internally; callers may retry any.
public protocol UserStore: Sendable {
    func createUser(_ user: User, passwordHash: PasswordHash?) throws(IdentityError)
    func user(connectorID: String, username: String) throws(IdentityError) -> User?
    func user(id: String) throws(IdentityError) -> User?
    func passwordHash(userID: String) throws(IdentityError) -> PasswordHash?
    func setPasswordHash(_ hash: PasswordHash, userID: String, now: Int64) throws(IdentityError)
    func loginFailures(userID: String) throws(IdentityError) -> LoginFailures
    @discardableResult
    func updateLoginFailures(
        userID: String, _ change: @Sendable (LoginFailures) -> LoginFailures
    ) throws(IdentityError) -> LoginFailures
}
