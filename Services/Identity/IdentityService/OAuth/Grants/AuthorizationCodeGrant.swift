import BerthCrypto
import BerthRPC

/// `grant_type=authorization_code` (RFC 6749 §4.1.3 + RFC 7636): single use; a replayed code revokes the refresh
/// tokens it issued and ends its session (RFC 6749 §4.1.2, "SHOULD revoke").
extension OAuthProvider {
    func redeemAuthorizationCode(_ request: IdentityV1.TokenRequest, client: OAuthClient) async throws(IdentityError)
        -> Tokens
    {
        try require(.authorizationCode, for: client)
        let time = now()
        guard !request.code.isEmpty,
            let redeemed = try store.redeemCode(hash: try OAuthSecrets.hash(request.code), now: time)
        else {
            throw .oauth(.invalidGrant, "the authorization code is unknown: start the login again")
        }
        let (code, firstUse) = redeemed
        guard firstUse else {
            if let family = code.familyID { try store.revokeFamily(family, now: time) }
            try sessions.end(id: code.sessionID, now: time)
            logger.warning(
                "authorization code reused", metadata: ["client": "\(client.id)", "session": "\(code.sessionID)"])
            await record(
                .tokenReused, subject: code.userID, by: "client:\(client.id)",
                target: AuditV1.Target(kind: "session", name: code.sessionID), outcome: .denied,
                reason: "authorization code presented twice: its tokens were revoked")
            throw .oauth(.invalidGrant, "the authorization code was already used: start the login again")
        }
        guard code.clientID == client.id else {
            throw .oauth(.invalidGrant, "the authorization code was issued to another client")
        }
        guard time < code.expiresAt else {
            throw .oauth(
                .invalidGrant, "the authorization code expired (it lives \(lifetimes.code)s): start the login again")
        }
        guard code.redirectURI == request.redirectUri else {
            throw .oauth(.invalidGrant, "redirect_uri does not match the one of the authorization request")
        }
        if !code.codeChallenge.isEmpty || client.isPublic {
            let matches: Bool
            do {
                matches = try PKCE.verify(verifier: request.codeVerifier, challenge: code.codeChallenge)
            } catch {
                throw IdentityError.crypto("hash a PKCE verifier", error)
            }
            guard matches else {
                throw .oauth(.invalidGrant, "code_verifier does not match the code_challenge (PKCE S256)")
            }
        }
        guard let session = try sessions.session(id: code.sessionID), session.isActive(at: time) else {
            throw .oauth(.invalidGrant, "the login session ended: log in again")
        }
        let issued = try issue(
            session: session, client: client, nonce: code.nonce, scope: code.scope, family: nil, at: time)
        if let refresh = issued.refresh {
            try store.insertRefreshToken(refresh)
            try store.setCodeFamily(hash: code.codeHash, familyID: refresh.familyID)
        }
        await record(
            .tokenIssued, subject: issued.user.id, username: issued.user.username, by: "client:\(client.id)",
            target: AuditV1.Target(kind: "session", name: session.id), details: ["grant": "authorization_code"])
        return issued.tokens
    }
}
