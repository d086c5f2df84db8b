/// A one-time authorization code (stored by the SHA-256 of the code, never the code itself).
public struct AuthorizationCodeRecord: Sendable, Equatable {
    public var codeHash: String
    public var clientID: String
    public var redirectURI: String
    /// The S256 challenge ("" for a confidential client that sent none).
    public var codeChallenge: String
    public var nonce: String
    public var scope: String
    public var sessionID: String
    public var userID: String
    public var expiresAt: Int64
    public var usedAt: Int64? = nil
    /// The refresh token family issued for it, so a replayed code can revoke what it issued.
    public var familyID: String? = nil
}

/// A refresh token (stored by its SHA-256). Rotation keeps the family and the session; every rotation adds a row.
public struct RefreshTokenRecord: Sendable, Equatable {
    public var tokenHash: String
    public var familyID: String
    public var sessionID: String
    public var userID: String
    public var clientID: String
    public var scope: String
    /// When this token was issued (the idle lifetime counts from here).
    public var createdAt: Int64
    /// When the family's first token was issued (the absolute lifetime counts from here).
    public var familyStartedAt: Int64
    public var rotatedAt: Int64? = nil
    public var revokedAt: Int64? = nil
}

/// An RFC 8628 device authorization.
public struct DeviceCodeRecord: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pending, approved, denied, consumed
    }

    public var deviceCodeHash: String
    public var userCode: String
    public var clientID: String
    public var scope: String
    public var expiresAt: Int64
    /// Seconds between polls; grows by 5 on every `slow_down`.
    public var interval: Int64
    public var lastPolledAt: Int64? = nil
    public var status: Status = .pending
    public var sessionID: String? = nil
    public var userID: String? = nil
}
