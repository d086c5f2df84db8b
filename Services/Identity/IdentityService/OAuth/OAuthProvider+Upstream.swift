import BerthCrypto
import BerthRPC
import Foundation

/// Login through a `RedirectConnector` (an upstream OIDC provider): `GET /login/<connector>` → the upstream's
/// authorization URL; the upstream sends the browser back to `GET /callback` → `finishLogin` → the same session
/// and one-time code as a password login. The state, nonce and PKCE verifier are generated and kept here (in
/// identity.db, the state hashed), single use, for 10 minutes; the connector never stores them.
///
/// The connector's `finishLogin` must return a user stored in the `UserStore` (it creates or updates it).
extension OAuthProvider {
    public static let upstreamLoginLifetime: Int64 = 600

    /// The upstream URL to send the browser to.
    public func startUpstreamLogin(
        _ p: IdentityV1.AuthorizationParameters, connectorID: String, callbackURL: String
    ) async throws(IdentityError) -> String {
        let check = checkAuthorization(p)
        if let error = check.error { throw error }
        guard let connector = connectors[connectorID] as? any RedirectConnector else {
            throw IdentityError(
                code: .unknownConnector, message: "connector \"\(connectorID)\" does not exist or does not redirect")
        }
        let state = try OAuthSecrets.token()
        let nonce = try OAuthSecrets.token()
        let verifier = try OAuthSecrets.token() + OAuthSecrets.token()
        try store.insertUpstreamLogin(
            UpstreamLoginRecord(
                stateHash: try OAuthSecrets.hash(state), connectorID: connectorID, nonce: nonce, codeVerifier: verifier,
                parameters: p, callbackURL: callbackURL, expiresAt: now() + Self.upstreamLoginLifetime))
        return try await connector.authorizationURL(
            state: state, nonce: nonce, codeVerifier: verifier, callbackURL: callbackURL)
    }

    /// Finishes an upstream login: the original authorization request and the code for its client.
    public func finishUpstreamLogin(state: String, code: String) async throws(IdentityError) -> (
        parameters: IdentityV1.AuthorizationParameters, code: String
    ) {
        let time = now()
        guard !state.isEmpty, let pending = try store.takeUpstreamLogin(stateHash: try OAuthSecrets.hash(state)),
            time < pending.expiresAt
        else {
            throw .oauth(.accessDenied, "this sign-in is unknown, was already finished or expired: start it again")
        }
        guard let connector = connectors[pending.connectorID] as? any RedirectConnector else {
            throw IdentityError(code: .unknownConnector, message: "connector \"\(pending.connectorID)\" is gone")
        }
        let user: User
        do {
            user = try await connector.finishLogin(
                code: code, nonce: pending.nonce, codeVerifier: pending.codeVerifier, callbackURL: pending.callbackURL,
                now: time)
        } catch {
            logger.notice(
                "upstream login denied", metadata: ["connector": "\(pending.connectorID)", "reason": "\(error.detail)"])
            await record(
                .loginFailed, subject: "", by: "upstream:\(pending.connectorID)",
                target: AuditV1.Target(kind: "session", name: ""), outcome: .denied,
                reason: error.detail.isEmpty ? error.message : error.detail,
                details: ["client": pending.parameters.clientId])
            throw .oauth(.accessDenied, "the sign-in at \(connector.displayName) failed: \(error.message)")
        }
        let session = try openSession(
            user: user, connectorID: pending.connectorID, clientID: pending.parameters.clientId, at: time)
        let issued = try OAuthSecrets.token()
        try store.insertCode(
            AuthorizationCodeRecord(
                codeHash: try OAuthSecrets.hash(issued), clientID: pending.parameters.clientId,
                redirectURI: pending.parameters.redirectUri, codeChallenge: pending.parameters.codeChallenge,
                nonce: pending.parameters.nonce, scope: pending.parameters.scope, sessionID: session.id,
                userID: user.id, expiresAt: time + lifetimes.code))
        await record(
            .sessionStarted, subject: user.id, username: user.username, by: "upstream:\(pending.connectorID)",
            target: AuditV1.Target(kind: "session", name: session.id),
            details: ["client": pending.parameters.clientId, "flow": "code"])
        return (pending.parameters, issued)
    }
}

/// A pending upstream login (`OAuthProvider+Upstream`).
public struct UpstreamLoginRecord: Sendable, Equatable {
    public var stateHash: String
    public var connectorID: String
    public var nonce: String
    public var codeVerifier: String
    /// The client's authorization request, resumed after the callback.
    public var parameters: IdentityV1.AuthorizationParameters
    public var callbackURL: String
    public var expiresAt: Int64
}
