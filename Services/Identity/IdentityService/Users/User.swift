/// A person Berth knows, from any connector.
public struct User: Sendable, Equatable {
    /// The stable subject (`sub`): random, never the username, never reused.
    public var id: String
    public var username: String
    public var displayName: String
    public var email: String
    /// The connector that vouches for this user (`local` for Berth's own passwords).
    public var connectorID: String
    public var disabled: Bool
    /// Seconds since 1970.
    public var createdAt: Int64
    /// Group names, sorted.
    public var groups: [String]

    public init(
        id: String, username: String, displayName: String = "", email: String = "", connectorID: String,
        disabled: Bool = false, createdAt: Int64, groups: [String] = []
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.email = email
        self.connectorID = connectorID
        self.disabled = disabled
        self.createdAt = createdAt
        self.groups = groups
    }
}

/// Consecutive failed password logins of one user and the lock-out they caused.
public struct LoginFailures: Sendable, Equatable {
    /// Failures since the last success or lock-out.
    public var failures: Int
    /// Lock-outs since the last success (each doubles the next lock-out).
    public var lockouts: Int
    /// Seconds since 1970; 0 when not locked.
    public var lockedUntil: Int64

    public static let none = LoginFailures(failures: 0, lockouts: 0, lockedUntil: 0)

    public init(failures: Int, lockouts: Int, lockedUntil: Int64) {
        self.failures = failures
        self.lockouts = lockouts
        self.lockedUntil = lockedUntil
    }
}
