/// The claims of a Berth ID token (OIDC Core §2 plus `groups`, which kube-apiserver maps to RBAC groups).
public struct IDTokenClaims: Codable, Sendable, Equatable {
    public var iss: String
    /// The user's stable id, never the username.
    public var sub: String
    public var aud: String
    public var exp: Int64
    public var iat: Int64
    public var nbf: Int64?
    public var authTime: Int64
    /// Echoed from the login request; absent when none was given.
    public var nonce: String?
    /// The login session.
    public var sid: String?
    public var preferredUsername: String
    public var email: String
    public var name: String
    public var groups: [String]

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nbf, nonce, sid, email, name, groups
        case authTime = "auth_time"
        case preferredUsername = "preferred_username"
    }

    public init(
        iss: String, sub: String, aud: String, exp: Int64, iat: Int64, nbf: Int64? = nil, authTime: Int64,
        nonce: String? = nil, sid: String? = nil, preferredUsername: String, email: String, name: String,
        groups: [String]
    ) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.exp = exp
        self.iat = iat
        self.nbf = nbf
        self.authTime = authTime
        self.nonce = nonce
        self.sid = sid
        self.preferredUsername = preferredUsername
        self.email = email
        self.name = name
        self.groups = groups
    }
}
