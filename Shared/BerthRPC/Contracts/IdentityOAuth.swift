/// Swift mirrors of proto/berth/identity/v1/oauth.proto (package berth.identity.v1): the OAuth flows the
/// gateway serves over HTTP. OAuth errors travel in `error`/`errorDescription` (RFC 6749 §5.2 codes).
extension IdentityV1 {
    /// The parameters of an authorization request (GET /authorize), passed through the login form unchanged.
    public struct AuthorizationParameters: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.AuthorizationParameters" }
        public var clientId: String
        public var redirectUri: String
        public var responseType: String
        public var scope: String
        public var state: String
        public var nonce: String
        public var codeChallenge: String
        public var codeChallengeMethod: String

        public init(
            clientId: String = "", redirectUri: String = "", responseType: String = "",
            scope: String = "", state: String = "", nonce: String = "", codeChallenge: String = "",
            codeChallengeMethod: String = ""
        ) {
            self.clientId = clientId
            self.redirectUri = redirectUri
            self.responseType = responseType
            self.scope = scope
            self.state = state
            self.nonce = nonce
            self.codeChallenge = codeChallenge
            self.codeChallengeMethod = codeChallengeMethod
        }
    }

    /// A connector the login page offers.
    public struct LoginConnector: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.LoginConnector" }
        public var id: String
        public var displayName: String
        /// A username/password form; otherwise a button that redirects upstream.
        public var password: Bool

        public init(id: String = "", displayName: String = "", password: Bool = false) {
            self.id = id
            self.displayName = displayName
            self.password = password
        }
    }

    public struct AuthorizeRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.AuthorizeRequest" }
        public var parameters: AuthorizationParameters?

        public init(parameters: AuthorizationParameters? = nil) {
            self.parameters = parameters
        }
    }

    /// error == "": the page may be shown. redirect_allowed: the client and redirect_uri are valid, so the error
    /// goes back to the client as a redirect; otherwise the gateway shows it on a page (RFC 6749 §4.1.2.1).
    public struct AuthorizeResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.AuthorizeResponse" }
        public var error: String
        public var errorDescription: String
        public var redirectAllowed: Bool
        public var connectors: [LoginConnector]

        public init(
            error: String = "", errorDescription: String = "", redirectAllowed: Bool = false,
            connectors: [LoginConnector] = []
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.redirectAllowed = redirectAllowed
            self.connectors = connectors
        }
    }

    /// POST /login: a password login that ends in an authorization code.
    public struct CompleteLoginRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.CompleteLoginRequest" }
        public var parameters: AuthorizationParameters?
        public var connectorId: String
        public var username: String
        public var password: String

        public init(
            parameters: AuthorizationParameters? = nil, connectorId: String = "", username: String = "",
            password: String = ""
        ) {
            self.parameters = parameters
            self.connectorId = connectorId
            self.username = username
            self.password = password
        }
    }

    /// error == "": redirect to redirect_uri with code + state. "access_denied" with a login error means the form is
    /// shown again with error_description (which never says whether the user or the password was wrong).
    public struct CompleteLoginResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.CompleteLoginResponse" }
        public var error: String
        public var errorDescription: String
        public var code: String
        public var redirectAllowed: Bool

        public init(
            error: String = "", errorDescription: String = "", code: String = "",
            redirectAllowed: Bool = false
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.code = code
            self.redirectAllowed = redirectAllowed
        }
    }

    /// POST /token, form fields as sent (client authentication already split out of the Authorization header).
    public struct TokenRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.TokenRequest" }
        public var grantType: String
        public var code: String
        public var redirectUri: String
        public var codeVerifier: String
        public var refreshToken: String
        public var deviceCode: String
        public var clientId: String
        public var clientSecret: String
        public var scope: String

        public init(
            grantType: String = "", code: String = "", redirectUri: String = "",
            codeVerifier: String = "", refreshToken: String = "", deviceCode: String = "",
            clientId: String = "", clientSecret: String = "", scope: String = ""
        ) {
            self.grantType = grantType
            self.code = code
            self.redirectUri = redirectUri
            self.codeVerifier = codeVerifier
            self.refreshToken = refreshToken
            self.deviceCode = deviceCode
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.scope = scope
        }
    }

    public struct TokenResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.TokenResponse" }
        public var error: String
        public var errorDescription: String
        public var idToken: String
        public var accessToken: String
        public var refreshToken: String
        public var tokenType: String
        public var expiresIn: Int64
        public var scope: String

        public init(
            error: String = "", errorDescription: String = "", idToken: String = "",
            accessToken: String = "", refreshToken: String = "", tokenType: String = "",
            expiresIn: Int64 = 0, scope: String = ""
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.idToken = idToken
            self.accessToken = accessToken
            self.refreshToken = refreshToken
            self.tokenType = tokenType
            self.expiresIn = expiresIn
            self.scope = scope
        }
    }

    /// POST /device/code (RFC 8628 §3.1).
    public struct DeviceAuthorizationRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeviceAuthorizationRequest" }
        public var clientId: String
        public var scope: String
        public var clientSecret: String

        public init(clientId: String = "", scope: String = "", clientSecret: String = "") {
            self.clientId = clientId
            self.scope = scope
            self.clientSecret = clientSecret
        }
    }

    public struct DeviceAuthorizationResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeviceAuthorizationResponse" }
        public var error: String
        public var errorDescription: String
        public var deviceCode: String
        public var userCode: String
        public var expiresIn: Int64
        public var interval: Int64

        public init(
            error: String = "", errorDescription: String = "", deviceCode: String = "",
            userCode: String = "", expiresIn: Int64 = 0, interval: Int64 = 0
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.deviceCode = deviceCode
            self.userCode = userCode
            self.expiresIn = expiresIn
            self.interval = interval
        }
    }

    /// The /device page: the person signs in and approves (or denies) a user code.
    public struct DeviceVerificationRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeviceVerificationRequest" }
        public var userCode: String
        public var connectorId: String
        public var username: String
        public var password: String
        public var approve: Bool

        public init(
            userCode: String = "", connectorId: String = "", username: String = "", password: String = "",
            approve: Bool = false
        ) {
            self.userCode = userCode
            self.connectorId = connectorId
            self.username = username
            self.password = password
            self.approve = approve
        }
    }

    public struct DeviceVerificationResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeviceVerificationResponse" }
        public var error: String
        public var errorDescription: String
        public var clientId: String

        public init(error: String = "", errorDescription: String = "", clientId: String = "") {
            self.error = error
            self.errorDescription = errorDescription
            self.clientId = clientId
        }
    }

    /// POST /revoke (RFC 7009): unknown tokens are not an error.
    public struct RevokeRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.RevokeRequest" }
        public var token: String
        public var tokenTypeHint: String
        public var clientId: String
        public var clientSecret: String

        public init(
            token: String = "", tokenTypeHint: String = "", clientId: String = "",
            clientSecret: String = ""
        ) {
            self.token = token
            self.tokenTypeHint = tokenTypeHint
            self.clientId = clientId
            self.clientSecret = clientSecret
        }
    }

    public struct RevokeResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.RevokeResponse" }
        public var error: String
        public var errorDescription: String

        public init(error: String = "", errorDescription: String = "") {
            self.error = error
            self.errorDescription = errorDescription
        }
    }

    /// GET /userinfo with a bearer access token.
    public struct UserInfoRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.UserInfoRequest" }
        public var accessToken: String

        public init(accessToken: String = "") {
            self.accessToken = accessToken
        }
    }

    public struct UserInfoResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.UserInfoResponse" }
        public var error: String
        public var errorDescription: String
        public var sub: String
        public var preferredUsername: String
        public var email: String
        public var name: String
        public var groups: [String]

        public init(
            error: String = "", errorDescription: String = "", sub: String = "",
            preferredUsername: String = "", email: String = "", name: String = "", groups: [String] = []
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.sub = sub
            self.preferredUsername = preferredUsername
            self.email = email
            self.name = name
            self.groups = groups
        }
    }

    /// GET/POST /logout (OIDC RP-initiated logout): ends the session named by the ID token hint.
    public struct LogoutRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.LogoutRequest" }
        public var idTokenHint: String
        public var postLogoutRedirectUri: String
        public var clientId: String

        public init(idTokenHint: String = "", postLogoutRedirectUri: String = "", clientId: String = "") {
            self.idTokenHint = idTokenHint
            self.postLogoutRedirectUri = postLogoutRedirectUri
            self.clientId = clientId
        }
    }

    /// redirect_uri: where to send the browser ("" = show the signed-out page).
    public struct LogoutResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.LogoutResponse" }
        public var error: String
        public var errorDescription: String
        public var redirectUri: String
        public var ended: Bool

        public init(
            error: String = "", errorDescription: String = "", redirectUri: String = "",
            ended: Bool = false
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.redirectUri = redirectUri
            self.ended = ended
        }
    }

    /// GET /login/<connector>: an upstream (redirect) connector login starts.
    public struct StartUpstreamLoginRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.StartUpstreamLoginRequest" }
        public var parameters: AuthorizationParameters?
        public var connectorId: String
        /// The gateway's /callback under gateway.publicURL.
        public var callbackUrl: String

        public init(parameters: AuthorizationParameters? = nil, connectorId: String = "", callbackUrl: String = "") {
            self.parameters = parameters
            self.connectorId = connectorId
            self.callbackUrl = callbackUrl
        }
    }

    public struct StartUpstreamLoginResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.StartUpstreamLoginResponse" }
        public var error: String
        public var errorDescription: String
        public var redirectAllowed: Bool
        /// The upstream URL to send the browser to.
        public var authorizationUrl: String

        public init(
            error: String = "", errorDescription: String = "", redirectAllowed: Bool = false,
            authorizationUrl: String = ""
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.redirectAllowed = redirectAllowed
            self.authorizationUrl = authorizationUrl
        }
    }

    /// GET /callback: the upstream sent the browser back.
    public struct FinishUpstreamLoginRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.FinishUpstreamLoginRequest" }
        public var state: String
        public var code: String

        public init(state: String = "", code: String = "") {
            self.state = state
            self.code = code
        }
    }

    /// error == "": redirect to redirect_uri with code + state (the client's own state).
    public struct FinishUpstreamLoginResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.FinishUpstreamLoginResponse" }
        public var error: String
        public var errorDescription: String
        public var redirectUri: String
        public var state: String
        public var code: String

        public init(
            error: String = "", errorDescription: String = "", redirectUri: String = "", state: String = "",
            code: String = ""
        ) {
            self.error = error
            self.errorDescription = errorDescription
            self.redirectUri = redirectUri
            self.state = state
            self.code = code
        }
    }
}
