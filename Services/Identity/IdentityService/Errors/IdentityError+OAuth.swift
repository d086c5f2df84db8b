/// Identity errors as OAuth 2.0 answers: the RFC 6749 §5.2 / RFC 8628 §3.5 `error` string for the protocol codes;
/// everything else (storage, crypto, audit) is `server_error` / `temporarily_unavailable` with the message.
extension IdentityError {
    /// The `error` member of an OAuth error response.
    public var oauthError: String {
        switch code {
        case .invalidRequest, .invalidArgument: "invalid_request"
        case .invalidClient, .unknownClient: "invalid_client"
        case .invalidGrant, .invalidToken: "invalid_grant"
        case .unauthorizedClient: "unauthorized_client"
        case .unsupportedGrantType: "unsupported_grant_type"
        case .unsupportedResponseType: "unsupported_response_type"
        case .invalidScope: "invalid_scope"
        case .accessDenied, .invalidCredentials, .unknownConnector: "access_denied"
        case .authorizationPending: "authorization_pending"
        case .slowDown: "slow_down"
        case .expiredToken: "expired_token"
        case .storage, .auditUnavailable: "temporarily_unavailable"
        default: "server_error"
        }
    }

    static func oauth(_ code: Code, _ message: String, detail: String = "") -> IdentityError {
        IdentityError(code: code, message: message, detail: detail)
    }
}
