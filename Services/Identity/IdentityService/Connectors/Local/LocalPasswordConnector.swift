import BerthCrypto

/// Berth's own users: scrypt password hashes in identity.db, lock-out after repeated failures.
public struct LocalPasswordConnector: PasswordConnector {
    public static let defaultID = "local"

    public let id: String
    let store: any UserStore
    let lockout: LockoutPolicy
    /// Hashed for unknown users, so "no such user" costs the same scrypt as "wrong password".
    let decoy: PasswordHash

    public init(id: String = LocalPasswordConnector.defaultID, store: any UserStore, lockout: LockoutPolicy)
        throws(IdentityError)
    {
        self.id = id
        self.store = store
        self.lockout = lockout
        do {
            decoy = try PasswordHash.make(password: "decoy")
        } catch {
            throw IdentityError.crypto("prepare the local connector", error)
        }
    }

    public func login(username: String, password: String, now: Int64) async throws(IdentityError) -> User {
        try await BlockingWork.run { () throws(IdentityError) -> User in
            try checkPassword(username: username, password: password, now: now)
        }
    }

    /// The whole check, synchronous (scrypt and SQLite): run off the cooperative pool by `login`.
    func checkPassword(username: String, password: String, now: Int64) throws(IdentityError) -> User {
        guard let user = try store.user(connectorID: id, username: username) else {
            _ = try? decoy.matches(password)
            throw IdentityError.invalidCredentials(detail: "no local user \"\(username)\"")
        }
        let failures = try store.loginFailures(userID: user.id)
        if lockout.isLocked(failures, now: now) {
            _ = try? decoy.matches(password)
            throw IdentityError.invalidCredentials(detail: "user \"\(username)\" is locked out until \(failures.lockedUntil)")
        }
        guard let hash = try store.passwordHash(userID: user.id) else {
            _ = try? decoy.matches(password)
            throw IdentityError.invalidCredentials(detail: "user \"\(username)\" has no local password")
        }
        let matches: Bool
        do {
            matches = password.isEmpty ? false : try hash.matches(password)
        } catch {
            throw IdentityError.crypto("check a password", error)
        }
        guard matches else {
            let lockout = self.lockout
            try store.updateLoginFailures(userID: user.id) { lockout.afterFailure($0, now: now) }
            throw IdentityError.invalidCredentials(detail: "wrong password for \"\(username)\"")
        }
        if user.disabled {
            throw IdentityError.invalidCredentials(detail: "user \"\(username)\" is disabled")
        }
        if failures != .none { try store.updateLoginFailures(userID: user.id) { _ in .none } }
        if hash.needsRehash() {
            // Parameters were raised since this hash was made: upgrade it now that the password is known.
            if let upgraded = try? PasswordHash.make(password: password) {
                try store.setPasswordHash(upgraded, userID: user.id, now: now)
            }
        }
        return user
    }
}
