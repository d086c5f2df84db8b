import BerthCrypto
import BerthRPC
import Foundation
import Hummingbird

/// Signing in to the portal through a redirect connector (upstream OIDC). The portal is an OAuth client of
/// Berth itself (the API audience's client, `berth-cli`, with the redirect URI `<publicURL>/ui/callback` that
/// identity registers for it): `GET /ui/login/<connector>` keeps a fresh state, nonce and PKCE verifier in a
/// short-lived cookie and sends the browser to the gateway's own `GET /login/<connector>`; the upstream flow runs
/// as for any client (`/login/<connector>` → IdP → `/callback`) and ends at `GET /ui/callback` with a code,
/// which the portal exchanges (Token RPC, with the verifier) for the same ID token a password sign-in gets.
///
/// Single use: the cookie is cleared at the callback, identity's code and upstream state are single use, and the
/// ID token must carry the nonce the cookie held.
extension WebUI {
    static let ssoCookieName = "berth_sso"
    /// As long as identity keeps the pending upstream login (10 minutes).
    static let ssoLifetime: Int64 = 600

    /// `<publicURL>/ui/callback`.
    var portalCallbackURL: String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/ui/callback"
    }

    func registerSSO<Context: RequestContext>(on router: Router<Context>) {
        router.get("ui/login/:connector") { _, context in startSSO(connector: context.parameters.get("connector") ?? "") }
        router.get("ui/callback") { request, _ in await finishSSO(request) }
    }

    /// The portal's authorization request (S256 PKCE; `groups` so that the token says who is an admin).
    func portalParameters(state: String, nonce: String, challenge: String) -> IdentityV1.AuthorizationParameters {
        IdentityV1.AuthorizationParameters(
            clientId: clientID, redirectUri: portalCallbackURL, responseType: "code", scope: "openid profile email groups",
            state: state, nonce: nonce, codeChallenge: challenge, codeChallengeMethod: "S256")
    }

    /// The connectors the sign-in page offers (identity's Authorize for the portal's own request). Only the
    /// local password form when identity does not answer or refuses the portal as a client.
    func loginConnectors() async -> [IdentityV1.LoginConnector] {
        let fallback = [IdentityV1.LoginConnector(id: "local", displayName: "Berth", password: true)]
        guard let challenge = try? PKCE.challenge(for: PKCE.makeVerifier()) else { return fallback }
        let parameters = portalParameters(state: "list", nonce: "list", challenge: challenge)
        guard
            let answer = try? await identity.unary(
                IdentityV1.authorize, IdentityV1.AuthorizeRequest(parameters: parameters), deadline: .seconds(3)),
            answer.error.isEmpty, !answer.connectors.isEmpty
        else { return fallback }
        return answer.connectors
    }

    func startSSO(connector: String) -> Response {
        guard let state = try? SecureRandom.identifier(), let nonce = try? SecureRandom.identifier(),
            let verifier = try? PKCE.makeVerifier(), let challenge = try? PKCE.challenge(for: verifier)
        else {
            return Self.html(
                .internalServerError, WebPages.message("Sign-in failed", "No random numbers: try again.", session: nil))
        }
        let parameters = portalParameters(state: state, nonce: nonce, challenge: challenge)
        let query = [
            ("client_id", parameters.clientId), ("redirect_uri", parameters.redirectUri),
            ("response_type", parameters.responseType), ("scope", parameters.scope), ("state", parameters.state),
            ("nonce", parameters.nonce), ("code_challenge", parameters.codeChallenge),
            ("code_challenge_method", parameters.codeChallengeMethod),
        ].map { "\($0.0)=\(OAuthForm.encode($0.1))" }.joined(separator: "&")
        var response = Self.redirect("/login/\(OAuthForm.encode(connector))?\(query)")
        // Lax, not Strict: the browser comes back from the identity provider, another site, and a Strict cookie
        // would not travel with that navigation.
        response.headers[values: .setCookie] = [
            WebSession.setCookie(
                Self.ssoCookieName, "\(state).\(nonce).\(verifier)", maxAge: Self.ssoLifetime, secure: secureCookies,
                sameSite: "Lax")
        ]
        return response
    }

    func finishSSO(_ request: Request) async -> Response {
        let query = OAuthForm(encoded: request.uri.query ?? "")
        let pending = (WebSession.cookies(of: request)[Self.ssoCookieName] ?? "").split(separator: ".").map(String.init)
        let failed: (String) -> Response = { text in
            var response = Self.html(
                .forbidden,
                WebPages.message("Sign-in failed", text, session: nil, back: ("/ui/login", "Sign in again")))
            response.headers[values: .setCookie] = [
                WebSession.setCookie(Self.ssoCookieName, "", maxAge: 0, secure: self.secureCookies, sameSite: "Lax")
            ]
            return response
        }
        guard pending.count == 3, ConstantTime.equals(Array(query["state"].utf8), Array(pending[0].utf8)) else {
            return failed("This sign-in was not started in this browser, was already finished or expired: start it again.")
        }
        if !query["error"].isEmpty {
            return failed("The sign-in was refused: \(query["error"]) \(query["error_description"])")
        }
        do {
            let answer = try await identity.unary(
                IdentityV1.token,
                IdentityV1.TokenRequest(
                    grantType: "authorization_code", code: query["code"], redirectUri: portalCallbackURL,
                    codeVerifier: pending[2], clientId: clientID))
            guard answer.error.isEmpty, !answer.idToken.isEmpty else {
                return failed("Berth did not accept the sign-in: \(answer.errorDescription)")
            }
            guard let person = try? await verifier.verify(answer.idToken),
                Self.nonce(of: answer.idToken) == pending[1]
            else { return failed("The token Berth issued does not belong to this sign-in: start it again.") }
            // A page that moves on by itself instead of a redirect: this response ends a navigation another site
            // started, and the session cookie (SameSite=Strict) travels only on a navigation from this site.
            var response = Self.html(.ok, WebPages.signedIn(username: person.username))
            response.headers[values: .setCookie] = [
                sessionCookie(idToken: answer.idToken, expiresAtUnix: person.expiresAtUnix),
                WebSession.setCookie(Self.ssoCookieName, "", maxAge: 0, secure: secureCookies, sameSite: "Lax"),
            ]
            logger.info("web sign-in", metadata: ["user": "\(person.username)", "flow": "sso"])
            return response
        } catch {
            return Self.html(
                .serviceUnavailable, WebPages.message("Unavailable", "Sign-in is unavailable: \(error.message)", session: nil))
        }
    }

    /// The `nonce` claim of a token the verifier accepted (its payload, read after the signature was checked).
    static func nonce(of token: String) -> String? { JWT.unverifiedClaims(of: token)["nonce"] as? String }
}
