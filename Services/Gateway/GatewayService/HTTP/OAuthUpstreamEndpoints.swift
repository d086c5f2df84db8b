import BerthRPC
import Hummingbird

/// Logins through an upstream identity provider (a `RedirectConnector` in identity): `GET /login/<connector>`
/// (the login page's button; the authorization request rides along in the query) sends the browser upstream;
/// `GET /callback` is where the upstream sends it back, and ends like a password login: a redirect to the client
/// with a code. Identity keeps state, nonce and PKCE verifier.
struct OAuthUpstreamEndpoints: Sendable {
    let oauth: OAuthEndpoints
    /// `gateway.publicURL` + `/callback`: registered at the upstream as the redirect URI.
    let callbackURL: String

    init(oauth: OAuthEndpoints, publicURL: String) {
        self.oauth = oauth
        callbackURL = (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/callback"
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("login/:connector") { request, context in
            await start(request, connector: context.parameters.get("connector") ?? "")
        }
        router.get("callback") { request, _ in await finish(request) }
    }

    func start(_ request: Request, connector: String) async -> Response {
        let parameters = OAuthEndpoints.parameters(OAuthForm(encoded: request.uri.query ?? ""))
        do {
            let answer = try await oauth.call(
                IdentityV1.startUpstreamLogin,
                IdentityV1.StartUpstreamLoginRequest(
                    parameters: parameters, connectorId: connector, callbackUrl: callbackURL))
            if !answer.error.isEmpty {
                return oauth.errorAnswer(
                    parameters, error: answer.error, description: answer.errorDescription,
                    redirect: answer.redirectAllowed)
            }
            return Response.redirect(to: answer.authorizationUrl, type: .found)
        } catch {
            return OAuthEndpoints.unavailablePage(error)
        }
    }

    func finish(_ request: Request) async -> Response {
        let query = OAuthForm(encoded: request.uri.query ?? "")
        if !query["error"].isEmpty {
            // The upstream refused; its state is still consumed so it cannot be replayed.
            _ = try? await oauth.call(
                IdentityV1.finishUpstreamLogin, IdentityV1.FinishUpstreamLoginRequest(state: query["state"], code: ""))
            return LoginPage.response(
                LoginPage.message(
                    title: "Sign-in refused",
                    text: "The identity provider said: \(query["error"]) \(query["error_description"])"),
                status: .forbidden)
        }
        do {
            let answer = try await oauth.call(
                IdentityV1.finishUpstreamLogin,
                IdentityV1.FinishUpstreamLoginRequest(state: query["state"], code: query["code"]))
            guard answer.error.isEmpty else {
                return LoginPage.response(
                    LoginPage.message(title: "Sign-in failed", text: answer.errorDescription), status: .forbidden)
            }
            return Response.redirect(
                to: OAuthForm.redirectURI(
                    answer.redirectUri, adding: [("code", answer.code), ("state", answer.state)]),
                type: .found)
        } catch {
            return OAuthEndpoints.unavailablePage(error)
        }
    }
}
