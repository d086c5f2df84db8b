/// One upstream OIDC provider's settings (`identity.connectors[n]` with `type: oidc`).
public struct UpstreamOIDCSettings: Sendable, Equatable {
    public var id: String
    /// The login page's button text.
    public var displayName: String
    /// The upstream issuer URL; discovery is `<issuer>/.well-known/openid-configuration`.
    public var issuer: String
    public var clientID: String
    /// Read from `clientSecretFile` when the service starts (never logged).
    public var clientSecret: String
    public var scopes: [String]
    /// The claim that becomes the Berth username (`preferred_username`).
    public var usernameClaim: String
    /// The claim listing group names (`groups`); "" = none.
    public var groupsClaim: String
    /// Signature algorithms accepted on ID tokens (RS256, ES256). `none` and HS* are always refused.
    public var allowedAlgorithms: [String]
    /// HTTP timeout for discovery, JWKS and the token endpoint, in seconds (10).
    public var timeoutSeconds: Int

    public init(
        id: String, displayName: String = "", issuer: String, clientID: String, clientSecret: String,
        scopes: [String] = ["openid", "profile", "email"], usernameClaim: String = "preferred_username",
        groupsClaim: String = "groups", allowedAlgorithms: [String] = ["RS256", "ES256"], timeoutSeconds: Int = 10
    ) {
        self.id = id
        self.displayName = displayName.isEmpty ? id : displayName
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.usernameClaim = usernameClaim
        self.groupsClaim = groupsClaim
        self.allowedAlgorithms = allowedAlgorithms
        self.timeoutSeconds = timeoutSeconds
    }
}

extension UpstreamOIDCSettings {
    /// Algorithms Berth can verify; anything else in `allowedAlgorithms` is a config error.
    static let supportedAlgorithms: Set<String> = ["RS256", "ES256"]

    init(_ reader: SettingsReader) throws(IdentityError) {
        try reader.rejectUnknown([
            "id", "type", "displayName", "issuer", "clientID", "clientSecretFile", "scopes", "usernameClaim",
            "groupsClaim", "allowedAlgorithms", "timeout",
        ])
        let issuer = try reader.string("issuer")
        guard issuer.hasPrefix("https://") || issuer.hasPrefix("http://127.0.0.1") || issuer.hasPrefix("http://localhost")
        else {
            throw reader.problem("issuer", "\"\(issuer)\" must be an https:// URL (http only on loopback, for tests)")
        }
        var scopes = try reader.strings("scopes", default: ["openid", "profile", "email"])
        if !scopes.contains("openid") { scopes.insert("openid", at: 0) }
        let algorithms = try reader.strings("allowedAlgorithms", default: ["RS256", "ES256"])
        for algorithm in algorithms where !Self.supportedAlgorithms.contains(algorithm) {
            throw reader.problem(
                "allowedAlgorithms", "\"\(algorithm)\" is not accepted: use RS256 and/or ES256 (none and HS* never are)")
        }
        if algorithms.isEmpty { throw reader.problem("allowedAlgorithms", "is empty: list RS256 and/or ES256") }
        self.init(
            id: try reader.string("id"), displayName: try reader.string("displayName", default: ""), issuer: issuer,
            clientID: try reader.string("clientID"), clientSecret: try reader.secretFile("clientSecretFile"),
            scopes: scopes, usernameClaim: try reader.string("usernameClaim", default: "preferred_username"),
            groupsClaim: try reader.string("groupsClaim", default: "groups"), allowedAlgorithms: algorithms,
            timeoutSeconds: try reader.seconds("timeout", default: 10))
    }
}
