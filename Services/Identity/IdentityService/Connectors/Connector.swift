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
