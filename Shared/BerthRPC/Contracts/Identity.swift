/// Swift mirrors of proto/berth/identity/v1/identity.proto (package berth.identity.v1).
public enum IdentityV1 {
    public struct WhoAmIRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.WhoAmIRequest" }
        public init() {}
    }

    /// The caller as the identity service sees it.
    public struct WhoAmIResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.WhoAmIResponse" }
        public var uid: UInt32
        public var gid: UInt32
        public var pid: Int32
        /// From the host's user database, "" when unknown.
        public var username: String
        /// Host groups of the caller.
        public var groups: [String]
        /// Root or member of berth-admin.
        public var localAdmin: Bool
        /// "peer-credentials" for socket callers.
        public var authenticatedBy: String

        public init(
            uid: UInt32 = 0, gid: UInt32 = 0, pid: Int32 = 0, username: String = "", groups: [String] = [],
            localAdmin: Bool = false, authenticatedBy: String = ""
        ) {
            self.uid = uid
            self.gid = gid
            self.pid = pid
            self.username = username
            self.groups = groups
            self.localAdmin = localAdmin
            self.authenticatedBy = authenticatedBy
        }
    }

    /// A username/password login through a password connector ("local" for Berth's own users).
    public struct PasswordLoginRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.PasswordLoginRequest" }
        /// "" means "local".
        public var connectorId: String
        public var username: String
        public var password: String
        /// One of `identity.clients`; the ID token's aud.
        public var clientId: String
        /// Echoed in the ID token when not empty.
        public var nonce: String

        public init(
            connectorId: String = "", username: String = "", password: String = "", clientId: String = "",
            nonce: String = ""
        ) {
            self.connectorId = connectorId
            self.username = username
            self.password = password
            self.clientId = clientId
            self.nonce = nonce
        }
    }

    public struct PasswordLoginResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.PasswordLoginResponse" }
        public var sessionId: String
        public var idToken: String
        /// The ID token's exp (seconds since 1970).
        public var expiresAtUnix: Int64
        /// The user's stable id (the token's sub).
        public var subject: String

        public init(sessionId: String = "", idToken: String = "", expiresAtUnix: Int64 = 0, subject: String = "") {
            self.sessionId = sessionId
            self.idToken = idToken
            self.expiresAtUnix = expiresAtUnix
            self.subject = subject
        }
    }

    /// A public key as a JWK (RFC 7517): EC P-256 (crv, x, y) or RSA (n, e).
    public struct JsonWebKey: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.JsonWebKey" }
        public var kty: String
        public var crv: String
        public var x: String
        public var y: String
        public var kid: String
        public var use: String
        public var alg: String
        /// RSA keys only (RS256).
        public var n: String
        public var e: String

        public init(
            kty: String = "", crv: String = "", x: String = "", y: String = "", kid: String = "", use: String = "",
            alg: String = "", n: String = "", e: String = ""
        ) {
            self.kty = kty
            self.crv = crv
            self.x = x
            self.y = y
            self.kid = kid
            self.use = use
            self.alg = alg
            self.n = n
            self.e = e
        }
    }

    public struct GetJWKSRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GetJWKSRequest" }
        public init() {}
    }

    /// The keys that verify tokens now: the signing key and retired keys still within their overlap.
    public struct GetJWKSResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GetJWKSResponse" }
        public var keys: [JsonWebKey]

        public init(keys: [JsonWebKey] = []) { self.keys = keys }
    }

    public struct GetDiscoveryRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GetDiscoveryRequest" }
        public init() {}
    }

    /// The OIDC discovery document's fields (served as JSON under /.well-known/openid-configuration).
    public struct GetDiscoveryResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GetDiscoveryResponse" }
        public var issuer: String
        public var jwksUri: String
        public var idTokenSigningAlgValuesSupported: [String]
        public var subjectTypesSupported: [String]
        public var responseTypesSupported: [String]
        public var claimsSupported: [String]
        public var scopesSupported: [String]
        /// The OAuth endpoints (oauth.proto), absolute URLs under the issuer.
        public var authorizationEndpoint: String = ""
        public var tokenEndpoint: String = ""
        public var deviceAuthorizationEndpoint: String = ""
        public var revocationEndpoint: String = ""
        public var userinfoEndpoint: String = ""
        public var endSessionEndpoint: String = ""
        public var grantTypesSupported: [String] = []
        public var codeChallengeMethodsSupported: [String] = []
        public var tokenEndpointAuthMethodsSupported: [String] = []

        public init(
            issuer: String = "", jwksUri: String = "", idTokenSigningAlgValuesSupported: [String] = [],
            subjectTypesSupported: [String] = [], responseTypesSupported: [String] = [],
            claimsSupported: [String] = [], scopesSupported: [String] = []
        ) {
            self.issuer = issuer
            self.jwksUri = jwksUri
            self.idTokenSigningAlgValuesSupported = idTokenSigningAlgValuesSupported
            self.subjectTypesSupported = subjectTypesSupported
            self.responseTypesSupported = responseTypesSupported
            self.claimsSupported = claimsSupported
            self.scopesSupported = scopesSupported
        }
    }

    public struct VerifyTokenRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.VerifyTokenRequest" }
        public var token: String
        /// The client id the token must be for.
        public var audience: String

        public init(token: String = "", audience: String = "") {
            self.token = token
            self.audience = audience
        }
    }

    /// The verified token's claims.
    public struct VerifyTokenResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.VerifyTokenResponse" }
        public var subject: String
        public var username: String
        public var email: String
        public var name: String
        public var groups: [String]
        public var expiresAtUnix: Int64
        public var authTimeUnix: Int64
        public var sessionId: String
        /// `id_token` or `access_key`.
        public var tokenKind: String
        /// An access key's scopes; empty for ID tokens.
        public var scopes: [String]

        public init(
            subject: String = "", username: String = "", email: String = "", name: String = "", groups: [String] = [],
            expiresAtUnix: Int64 = 0, authTimeUnix: Int64 = 0, sessionId: String = "", tokenKind: String = "",
            scopes: [String] = []
        ) {
            self.subject = subject
            self.username = username
            self.email = email
            self.name = name
            self.groups = groups
            self.expiresAtUnix = expiresAtUnix
            self.authTimeUnix = authTimeUnix
            self.sessionId = sessionId
            self.tokenKind = tokenKind
            self.scopes = scopes
        }
    }
}
