import BerthRPC
import Foundation
import Hummingbird

/// Berth's OAuth 2.0 / OIDC endpoints, a thin HTTP edge over berth-identity's `berth.identity.v1.OAuth` RPCs
/// (identity decides everything and keeps every secret):
/// `GET /authorize` (login page) · `POST /login` · `POST /token` · `POST /revoke` · `GET|POST /userinfo` ·
/// `GET|POST /logout`. The device flow is `DeviceEndpoints`. When identity cannot be reached: 503 (JSON for
/// the token endpoints, a page for browsers).
struct OAuthEndpoints: Sendable {
    /// The gateway's one long-lived client to identity (not a connection per request).
    let identity: UnixRPCClient
    let csrf: OAuthCSRF

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("authorize") { request, _ in await authorize(request) }
        router.post("login") { request, _ in await login(request) }
        router.post("token") { request, _ in await token(request) }
        router.post("revoke") { request, _ in await revoke(request) }
        router.get("userinfo") { request, _ in await userInfo(request) }
        router.post("userinfo") { request, _ in await userInfo(request) }
        router.get("logout") { request, _ in await logout(request) }
        router.post("logout") { request, _ in await logout(request) }
    }

    // MARK: - Browser: authorize, login

    func authorize(_ request: Request) async -> Response {
        let parameters = Self.parameters(OAuthForm(encoded: request.uri.query ?? ""))
        do {
            let check = try await call(IdentityV1.authorize, IdentityV1.AuthorizeRequest(parameters: parameters))
            if !check.error.isEmpty {
                return errorAnswer(
                    parameters, error: check.error, description: check.errorDescription, redirect: check.redirectAllowed
                )
            }
            return loginPage(request, parameters, connectors: check.connectors, error: nil)
        } catch {
            return Self.unavailablePage(error)
        }
    }

    func login(_ request: Request) async -> Response {
        guard let form = try? await OAuthForm.read(request) else {
            return LoginPage.response(
                LoginPage.message(title: "Bad request", text: "The form could not be read."), status: .badRequest)
        }
        let parameters = Self.parameters(form)
        guard csrf.accepts(request, form: form) else {
            return LoginPage.response(
                LoginPage.message(
                    title: "The sign-in form expired",
                    text: "Go back to the application and start the sign-in again (cookies must be enabled)."),
                status: .forbidden)
        }
        do {
            let answer = try await call(
                IdentityV1.completeLogin,
                IdentityV1.CompleteLoginRequest(
                    parameters: parameters, connectorId: form["connector_id"], username: form["username"],
                    password: form["password"]))
            if answer.error == "access_denied" {
                // Wrong credentials: the form again, with identity's one message (never which part was wrong).
                let check = try await call(IdentityV1.authorize, IdentityV1.AuthorizeRequest(parameters: parameters))
                var response = loginPage(
                    request, parameters, connectors: check.connectors, error: answer.errorDescription,
                    username: form["username"])
                response.status = .unauthorized
                return response
            }
            if !answer.error.isEmpty {
                return errorAnswer(
                    parameters, error: answer.error, description: answer.errorDescription,
                    redirect: answer.redirectAllowed)
            }
            return Response.redirect(
                to: OAuthForm.redirectURI(
                    parameters.redirectUri, adding: [("code", answer.code), ("state", parameters.state)]),
                type: .found)
        } catch {
            return Self.unavailablePage(error)
        }
    }

    // MARK: - Machines: token, revoke, userinfo

    func token(_ request: Request) async -> Response {
        guard let form = try? await OAuthForm.read(request) else {
            return Self.oauthError("invalid_request", "the form could not be read")
        }
        let client = Self.clientCredentials(request, form)
        do {
            let answer = try await call(
                IdentityV1.token,
                IdentityV1.TokenRequest(
                    grantType: form["grant_type"], code: form["code"], redirectUri: form["redirect_uri"],
                    codeVerifier: form["code_verifier"], refreshToken: form["refresh_token"],
                    deviceCode: form["device_code"], clientId: client.id, clientSecret: client.secret,
                    scope: form["scope"]))
            if !answer.error.isEmpty { return Self.oauthError(answer.error, answer.errorDescription) }
            var document: [String: any Sendable] = [
                "access_token": answer.accessToken, "token_type": answer.tokenType, "expires_in": answer.expiresIn,
                "id_token": answer.idToken, "scope": answer.scope,
            ]
            if !answer.refreshToken.isEmpty { document["refresh_token"] = answer.refreshToken }
            return Self.json(.ok, document)
        } catch {
            return Self.oauthError(
                "temporarily_unavailable", "berth-identity: \(error.message)", status: .serviceUnavailable)
        }
    }

    func revoke(_ request: Request) async -> Response {
        guard let form = try? await OAuthForm.read(request) else {
            return Self.oauthError("invalid_request", "the form could not be read")
        }
        let client = Self.clientCredentials(request, form)
        do {
            let answer = try await call(
                IdentityV1.revoke,
                IdentityV1.RevokeRequest(
                    token: form["token"], tokenTypeHint: form["token_type_hint"], clientId: client.id,
                    clientSecret: client.secret))
            if !answer.error.isEmpty { return Self.oauthError(answer.error, answer.errorDescription) }
            return Response(status: .ok)
        } catch {
            return Self.oauthError(
                "temporarily_unavailable", "berth-identity: \(error.message)", status: .serviceUnavailable)
        }
    }

    func userInfo(_ request: Request) async -> Response {
        guard let token = OAuthForm.bearerToken(request.headers[.authorization]) else {
            var response = Self.oauthError(
                "invalid_token", "send the access token as Authorization: Bearer", status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        do {
            let answer = try await call(IdentityV1.userInfo, IdentityV1.UserInfoRequest(accessToken: token))
            guard answer.error.isEmpty else {
                var response = Self.oauthError(answer.error, answer.errorDescription, status: .unauthorized)
                response.headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\""
                return response
            }
            return Self.json(
                .ok,
                [
                    "sub": answer.sub, "preferred_username": answer.preferredUsername, "email": answer.email,
                    "name": answer.name, "groups": answer.groups,
                ])
        } catch {
            return Self.oauthError(
                "temporarily_unavailable", "berth-identity: \(error.message)", status: .serviceUnavailable)
        }
    }

    // MARK: - Logout

    func logout(_ request: Request) async -> Response {
        guard let form = try? await OAuthForm.read(request) else {
            return LoginPage.response(
                LoginPage.message(title: "Bad request", text: "The form could not be read."), status: .badRequest)
        }
        do {
            let answer = try await call(
                IdentityV1.logout,
                IdentityV1.LogoutRequest(
                    idTokenHint: form["id_token_hint"], postLogoutRedirectUri: form["post_logout_redirect_uri"],
                    clientId: form["client_id"]))
            if !answer.error.isEmpty {
                return LoginPage.response(
                    LoginPage.message(title: "Sign-out failed", text: answer.errorDescription), status: .badRequest)
            }
            if !answer.redirectUri.isEmpty {
                return Response.redirect(
                    to: OAuthForm.redirectURI(answer.redirectUri, adding: [("state", form["state"])]), type: .found)
            }
            return LoginPage.response(LoginPage.message(title: "Signed out", text: "Your Berth session has ended."))
        } catch {
            return Self.unavailablePage(error)
        }
    }

    // MARK: - Helpers

    func call<Request, Response>(_ method: RPCMethod<Request, Response>, _ request: Request)
        async throws(RPCClientError)
        -> Response
    {
        try await identity.unary(method, request, deadline: .seconds(5))
    }

    func loginPage(
        _ request: Request, _ parameters: IdentityV1.AuthorizationParameters, connectors: [IdentityV1.LoginConnector],
        error: String?, username: String = ""
    ) -> Response {
        let token = csrf.token(for: request)
        var response = LoginPage.response(
            LoginPage.login(
                parameters: parameters, connectors: connectors, csrf: token.value, error: error, username: username))
        if token.isNew { response.setCookie(csrf.cookie(token.value)) }
        return response
    }

    /// RFC 6749 §4.1.2.1: errors go back to a valid redirect URI; with a bad client or redirect URI, a page.
    func errorAnswer(
        _ parameters: IdentityV1.AuthorizationParameters, error: String, description: String, redirect: Bool
    ) -> Response {
        guard redirect else {
            return LoginPage.response(
                LoginPage.message(title: "Sign-in request refused", text: description), status: .badRequest)
        }
        return Response.redirect(
            to: OAuthForm.redirectURI(
                parameters.redirectUri,
                adding: [("error", error), ("error_description", description), ("state", parameters.state)]),
            type: .found)
    }

    static func parameters(_ form: OAuthForm) -> IdentityV1.AuthorizationParameters {
        IdentityV1.AuthorizationParameters(
            clientId: form["client_id"], redirectUri: form["redirect_uri"], responseType: form["response_type"],
            scope: form["scope"], state: form["state"], nonce: form["nonce"], codeChallenge: form["code_challenge"],
            codeChallengeMethod: form["code_challenge_method"])
    }

    /// `client_secret_basic` wins over `client_secret_post`; a public client sends only `client_id`.
    static func clientCredentials(_ request: Request, _ form: OAuthForm) -> (id: String, secret: String) {
        OAuthForm.basicCredentials(request.headers[.authorization]) ?? (form["client_id"], form["client_secret"])
    }

    /// RFC 6749 §5.2: `invalid_client` is 401, other errors 400.
    static func oauthError(_ error: String, _ description: String, status: HTTPResponse.Status? = nil) -> Response {
        json(
            status ?? (error == "invalid_client" ? .unauthorized : .badRequest),
            ["error": error, "error_description": description])
    }

    static func json(_ status: HTTPResponse.Status, _ document: [String: any Sendable]) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func unavailablePage(_ error: RPCClientError) -> Response {
        LoginPage.response(
            LoginPage.message(
                title: "Sign-in is unavailable", text: "berth-identity cannot be reached: try again in a moment."),
            status: .serviceUnavailable)
    }
}
