/// A way a person proves who they are. Each configured connector has an id (`local`, `ldap`, `corp-oidc`…);
/// what it can do is a capability protocol it adopts (dex's `connector.go`): the identity core asks
/// `connector as? any PasswordConnector`.
public protocol Connector: Sendable {
    var id: String { get }
}

/// A connector that checks a username and password itself (local users, LDAP).
///
/// Contract: `login` returns the user on success. Every failure to authenticate (unknown user, wrong password,
/// disabled, locked out, empty password) throws `.invalidCredentials` with the same message, and takes about as
/// long whichever it was; `detail` says which, for the log and audit only. Other errors (storage, directory down)
/// throw their own codes. `now` is seconds since 1970, from the caller's clock.
public protocol PasswordConnector: Connector {
    func login(username: String, password: String, now: Int64) async throws(IdentityError) -> User
}

/// A connector that sends the person's browser to another identity provider (upstream OIDC) and gets them back
/// with an authorization code. The gateway's login page offers it as a button; `state`, `nonce` and the PKCE
/// `codeVerifier` are fresh per attempt, generated and remembered by the identity core (never by the connector).
public protocol RedirectConnector: Connector {
    /// What the login page shows on the button ("Sign in with Corp SSO").
    var displayName: String { get }
    /// The upstream authorization URL to send the browser to.
    func authorizationURL(
        state: String, nonce: String, codeVerifier: String, callbackURL: String
    ) async throws(IdentityError) -> String
    /// Exchanges the code the upstream sent back, verifies its ID token (signature through the upstream's JWKS,
    /// algorithm allow-list, iss, aud, exp/nbf with small skew, nonce) and maps its claims to a user.
    func finishLogin(
        code: String, nonce: String, codeVerifier: String, callbackURL: String, now: Int64
    ) async throws(IdentityError) -> User
}
