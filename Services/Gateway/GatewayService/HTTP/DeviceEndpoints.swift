import BerthRPC
import Hummingbird

/// RFC 8628 at the gateway: `POST /device/code` (JSON for the device) and `GET|POST /device` (the page where the
/// person signs in and approves or denies the code). Identity holds the codes; this only translates.
struct DeviceEndpoints: Sendable {
    let oauth: OAuthEndpoints
    /// `gateway.publicURL`: the verification URI shown to the person.
    let publicURL: String

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("device/code") { request, _ in await deviceCode(request) }
        router.get("device") { request, _ in
            await page(request, userCode: OAuthForm(encoded: request.uri.query ?? "")["user_code"], error: nil)
        }
        router.post("device") { request, _ in await verify(request) }
    }

    var verificationURI: String { (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/device" }

    func deviceCode(_ request: Request) async -> Response {
        guard let form = try? await OAuthForm.read(request) else {
            return OAuthEndpoints.oauthError("invalid_request", "the form could not be read")
        }
        let client = OAuthEndpoints.clientCredentials(request, form)
        do {
            let answer = try await oauth.call(
                IdentityV1.deviceAuthorization,
                IdentityV1.DeviceAuthorizationRequest(
                    clientId: client.id, scope: form["scope"], clientSecret: client.secret))
            if !answer.error.isEmpty { return OAuthEndpoints.oauthError(answer.error, answer.errorDescription) }
            return OAuthEndpoints.json(
                .ok,
                [
                    "device_code": answer.deviceCode, "user_code": answer.userCode, "verification_uri": verificationURI,
                    "verification_uri_complete": OAuthForm.redirectURI(
                        verificationURI, adding: [("user_code", answer.userCode)]),
                    "expires_in": answer.expiresIn, "interval": answer.interval,
                ])
        } catch {
            return OAuthEndpoints.oauthError(
                "temporarily_unavailable", "berth-identity: \(error.message)", status: .serviceUnavailable)
        }
    }

    func page(_ request: Request, userCode: String, error: String?, status: HTTPResponse.Status = .ok) async -> Response
    {
        let connectors: [IdentityV1.LoginConnector]
        do {
            // The connectors come with a valid authorization check; the CLI client always has one.
            connectors = try await oauth.call(
                IdentityV1.authorize,
                IdentityV1.AuthorizeRequest(
                    parameters: IdentityV1.AuthorizationParameters(
                        clientId: "berth-cli", redirectUri: "http://127.0.0.1/callback", responseType: "code",
                        scope: "openid", state: "device", codeChallenge: String(repeating: "A", count: 43),
                        codeChallengeMethod: "S256"))
            ).connectors
        } catch {
            return OAuthEndpoints.unavailablePage(error)
        }
        let token = oauth.csrf.token(for: request)
        var response = LoginPage.response(
            LoginPage.device(userCode: userCode, connectors: connectors, csrf: token.value, error: error),
            status: status)
        if token.isNew { response.setCookie(oauth.csrf.cookie(token.value)) }
        return response
    }

    func verify(_ request: Request) async -> Response {
        guard let form = try? await OAuthForm.read(request) else {
            return LoginPage.response(
                LoginPage.message(title: "Bad request", text: "The form could not be read."), status: .badRequest)
        }
        guard oauth.csrf.accepts(request, form: form) else {
            return LoginPage.response(
                LoginPage.message(
                    title: "The form expired", text: "Reload the device page and try again (cookies must be enabled)."),
                status: .forbidden)
        }
        let approve = form["action"] != "deny"
        do {
            let answer = try await oauth.call(
                IdentityV1.deviceVerification,
                IdentityV1.DeviceVerificationRequest(
                    userCode: form["user_code"], connectorId: form["connector_id"], username: form["username"],
                    password: form["password"], approve: approve))
            if !answer.error.isEmpty {
                return await page(
                    request, userCode: form["user_code"], error: answer.errorDescription,
                    status: answer.error == "access_denied" ? .unauthorized : .badRequest)
            }
            return LoginPage.response(
                LoginPage.message(
                    title: approve ? "Device connected" : "Request denied",
                    text: approve
                        ? "You can close this page and return to your device (\(answer.clientId))."
                        : "The device will not be signed in."))
        } catch {
            return OAuthEndpoints.unavailablePage(error)
        }
    }
}
