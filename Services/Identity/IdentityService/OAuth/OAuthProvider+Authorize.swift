import BerthRPC

/// `GET /authorize` and `POST /login`: validate the request, check the password, open a session, hand out a
/// one-time code bound to the client, redirect URI, PKCE challenge and nonce.
extension OAuthProvider {
    /// The outcome of validating an authorization request: `client` is nil when the client or the redirect URI
    /// is bad (the error must be shown, never redirected, RFC 6749 §4.1.2.1); `error` nil means valid.
    public struct AuthorizationCheck: Sendable {
        public var client: OAuthClient?
        public var error: IdentityError?
    }

    public func checkAuthorization(_ p: IdentityV1.AuthorizationParameters) -> AuthorizationCheck {
        guard let client = clients.client(p.clientId) else {
            return AuthorizationCheck(
                client: nil,
                error: .oauth(
                    .invalidClient,
                    "client_id \"\(p.clientId)\" is not registered: check the application's configuration"))
        }
        guard client.allowsRedirect(p.redirectUri) else {
            return AuthorizationCheck(
                client: nil,
                error: .oauth(
                    .invalidRequest, "redirect_uri \"\(p.redirectUri)\" is not registered for client \(client.id)"))
        }
        func problem(_ code: IdentityError.Code, _ message: String) -> AuthorizationCheck {
            AuthorizationCheck(client: client, error: .oauth(code, message))
        }
        guard p.responseType == "code" else {
            return problem(.unsupportedResponseType, "response_type must be \"code\" (authorization code flow)")
        }
        guard client.grants.contains(.authorizationCode) else {
            return problem(.unauthorizedClient, "client \(client.id) may not use the authorization code grant")
        }
        guard p.scope.split(separator: " ").contains("openid") else {
            return problem(.invalidScope, "scope must include openid")
        }
        guard !p.state.isEmpty else {
            return problem(.invalidRequest, "state is missing: send a fresh random state with every request")
        }
        if p.codeChallengeMethod == "plain" {
            return problem(.invalidRequest, "code_challenge_method plain is refused: use S256")
        }
        if client.isPublic || !p.codeChallenge.isEmpty {
            guard p.codeChallengeMethod == "S256", p.codeChallenge.utf8.count == 43 else {
                return problem(
                    .invalidRequest,
                    "PKCE is required: send code_challenge (43 characters) with code_challenge_method=S256")
            }
        }
        return AuthorizationCheck(client: client, error: nil)
    }

    /// Checks the password through a password connector; a failure is `invalid credentials` whatever went wrong,
    /// recorded as `login.failed` with the reason.
    func passwordLogin(
        connectorID: String, username: String, password: String, clientID: String, at time: Int64
    ) async throws(IdentityError) -> User {
        let id = connectorID.isEmpty ? LocalPasswordConnector.defaultID : connectorID
        guard let connector = connectors[id] as? any PasswordConnector else {
            throw IdentityError(
                code: .unknownConnector, message: "connector \"\(id)\" does not exist or takes no passwords")
        }
        do {
            return try await connector.login(username: username, password: password, now: time)
        } catch {
            if error.code == .invalidCredentials {
                logger.notice("login denied", metadata: ["connector": "\(id)", "reason": "\(error.detail)"])
                await record(
                    .loginFailed, subject: "", username: username, by: "password:\(id)",
                    target: AuditV1.Target(kind: "session", name: ""), outcome: .denied, reason: error.detail,
                    details: ["client": clientID])
            }
            throw error
        }
    }

    /// `POST /login`: password → session → one-time code.
    public func completeLogin(
        _ p: IdentityV1.AuthorizationParameters, connectorID: String, username: String, password: String
    ) async throws(IdentityError) -> String {
        let check = checkAuthorization(p)
        if let error = check.error { throw error }
        guard let client = check.client else { throw .oauth(.invalidRequest, "invalid authorization request") }
        let time = now()
        let user = try await passwordLogin(
            connectorID: connectorID, username: username, password: password, clientID: client.id, at: time)
        let session = try openSession(
            user: user, connectorID: connectorID.isEmpty ? LocalPasswordConnector.defaultID : connectorID,
            clientID: client.id, at: time)
        let code = try OAuthSecrets.token()
        try store.insertCode(
            AuthorizationCodeRecord(
                codeHash: try OAuthSecrets.hash(code), clientID: client.id, redirectURI: p.redirectUri,
                codeChallenge: p.codeChallenge, nonce: p.nonce, scope: p.scope, sessionID: session.id, userID: user.id,
                expiresAt: time + lifetimes.code))
        await record(
            .sessionStarted, subject: user.id, username: user.username, by: "password:\(session.connectorID)",
            target: AuditV1.Target(kind: "session", name: session.id), details: ["client": client.id, "flow": "code"])
        return code
    }
}
