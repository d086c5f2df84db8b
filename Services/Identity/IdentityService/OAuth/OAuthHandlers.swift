import BerthRPC

/// The OAuth RPCs (oauth.proto) on identity.sock: protocol errors go back inside the responses as RFC 6749
/// `error` / `error_description` (the gateway answers them as the RFCs say); storage and crypto failures are
/// RPC errors (the gateway answers 503/500).
public struct OAuthHandlers: Sendable {
    let provider: OAuthProvider

    public init(provider: OAuthProvider) { self.provider = provider }

    public func register(on router: inout RPCRouter) {
        registerUpstream(on: &router)
        let provider = provider
        router.unary(IdentityV1.authorize) { request, _ in
            let check = provider.checkAuthorization(request.parameters ?? .init())
            return IdentityV1.AuthorizeResponse(
                error: check.error?.oauthError ?? "", errorDescription: check.error?.message ?? "",
                redirectAllowed: check.client != nil, connectors: check.error == nil ? provider.loginConnectors : [])
        }
        router.unary(IdentityV1.completeLogin) { request, _ in
            let parameters = request.parameters ?? .init()
            return try await Self.answer { () async throws(IdentityError) in
                let code = try await provider.completeLogin(
                    parameters, connectorID: request.connectorId, username: request.username, password: request.password
                )
                return IdentityV1.CompleteLoginResponse(code: code, redirectAllowed: true)
            } orProtocolError: { error in
                return IdentityV1.CompleteLoginResponse(
                    error: error.oauthError, errorDescription: error.message,
                    redirectAllowed: provider.checkAuthorization(parameters).client != nil)
            }
        }
        router.unary(IdentityV1.token) { request, _ in
            return try await Self.answer { () async throws(IdentityError) in
                let tokens = try await provider.token(request)
                return IdentityV1.TokenResponse(
                    idToken: tokens.idToken, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? "",
                    tokenType: "Bearer", expiresIn: tokens.expiresIn, scope: tokens.scope)
            } orProtocolError: { error in
                return IdentityV1.TokenResponse(error: error.oauthError, errorDescription: error.message)
            }
        }
        router.unary(IdentityV1.deviceAuthorization) { request, _ in
            return try await Self.answer { () async throws(IdentityError) in
                let started = try provider.startDeviceAuthorization(
                    clientID: request.clientId, clientSecret: request.clientSecret, scope: request.scope)
                return IdentityV1.DeviceAuthorizationResponse(
                    deviceCode: started.deviceCode, userCode: started.userCode, expiresIn: started.expiresIn,
                    interval: started.interval)
            } orProtocolError: { error in
                return IdentityV1.DeviceAuthorizationResponse(error: error.oauthError, errorDescription: error.message)
            }
        }
        router.unary(IdentityV1.deviceVerification) { request, _ in
            return try await Self.answer { () async throws(IdentityError) in
                let client = try await provider.verifyDevice(
                    userCode: request.userCode, connectorID: request.connectorId, username: request.username,
                    password: request.password, approve: request.approve)
                return IdentityV1.DeviceVerificationResponse(clientId: client)
            } orProtocolError: { error in
                return IdentityV1.DeviceVerificationResponse(error: error.oauthError, errorDescription: error.message)
            }
        }
        router.unary(IdentityV1.revoke) { request, _ in
            return try await Self.answer { () async throws(IdentityError) in
                try await provider.revoke(
                    token: request.token, clientID: request.clientId, clientSecret: request.clientSecret)
                return IdentityV1.RevokeResponse()
            } orProtocolError: { error in
                return IdentityV1.RevokeResponse(error: error.oauthError, errorDescription: error.message)
            }
        }
        router.unary(IdentityV1.userInfo) { request, _ in
            return try await Self.answer { () async throws(IdentityError) in
                let claims = try provider.userInfo(accessToken: request.accessToken)
                return IdentityV1.UserInfoResponse(
                    sub: claims.sub, preferredUsername: claims.preferredUsername, email: claims.email,
                    name: claims.name, groups: claims.groups)
            } orProtocolError: { error in
                return IdentityV1.UserInfoResponse(error: "invalid_token", errorDescription: error.message)
            }
        }
        router.unary(IdentityV1.logout) { request, _ in
            return try await Self.answer { () async throws(IdentityError) in
                let outcome = try await provider.logout(
                    idTokenHint: request.idTokenHint, postLogoutRedirectURI: request.postLogoutRedirectUri)
                return IdentityV1.LogoutResponse(redirectUri: outcome.redirect, ended: outcome.ended)
            } orProtocolError: { error in
                return IdentityV1.LogoutResponse(error: error.oauthError, errorDescription: error.message)
            }
        }
    }

    func registerUpstream(on router: inout RPCRouter) {
        let provider = provider
        router.unary(IdentityV1.startUpstreamLogin) { request, _ in
            let parameters = request.parameters ?? .init()
            return try await Self.answer { () async throws(IdentityError) in
                let url = try await provider.startUpstreamLogin(
                    parameters, connectorID: request.connectorId, callbackURL: request.callbackUrl)
                return IdentityV1.StartUpstreamLoginResponse(redirectAllowed: true, authorizationUrl: url)
            } orProtocolError: { error in
                IdentityV1.StartUpstreamLoginResponse(
                    error: error.oauthError, errorDescription: error.message,
                    redirectAllowed: provider.checkAuthorization(parameters).client != nil)
            }
        }
        router.unary(IdentityV1.finishUpstreamLogin) { request, _ in
            try await Self.answer { () async throws(IdentityError) in
                let finished = try await provider.finishUpstreamLogin(state: request.state, code: request.code)
                return IdentityV1.FinishUpstreamLoginResponse(
                    redirectUri: finished.parameters.redirectUri, state: finished.parameters.state, code: finished.code)
            } orProtocolError: { error in
                IdentityV1.FinishUpstreamLoginResponse(error: error.oauthError, errorDescription: error.message)
            }
        }
    }

    /// Runs `body`; a protocol error becomes `protocolError(error)`'s answer, other errors are thrown to the RPC
    /// layer. (A helper, not `catch where`: Swift 6.3 crashes on `catch where` over typed throws in closures.)
    static func answer<Response>(
        _ body: () async throws(IdentityError) -> Response, orProtocolError protocolError: (IdentityError) -> Response
    ) async throws(IdentityError) -> Response {
        do {
            return try await body()
        } catch {
            guard isProtocolError(error) else { throw error }
            return protocolError(error)
        }
    }

    /// Everything but storage, crypto and audit failures is answered inside the response.
    static func isProtocolError(_ error: IdentityError) -> Bool {
        ![.storage, .crypto, .auditUnavailable].contains(error.code)
    }
}
