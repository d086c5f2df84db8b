import BerthRPC

/// `POST /token`: authenticates the client, then dispatches on `grant_type`.
extension OAuthProvider {
    public func token(_ request: IdentityV1.TokenRequest) async throws(IdentityError) -> Tokens {
        let client = try authenticateClient(id: request.clientId, secret: request.clientSecret)
        switch OAuthClient.Grant(rawValue: request.grantType) {
        case .authorizationCode: return try await redeemAuthorizationCode(request, client: client)
        case .refreshToken: return try await refresh(request, client: client)
        case .deviceCode: return try await redeemDeviceCode(request, client: client)
        case nil:
            throw .oauth(
                .unsupportedGrantType,
                "grant_type \"\(request.grantType)\" is not supported: use "
                    + OAuthClient.Grant.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }
}
