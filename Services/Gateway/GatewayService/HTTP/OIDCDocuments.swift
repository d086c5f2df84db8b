import BerthRPC

/// The OpenID Connect Discovery 1.0 document, as JSON (snake_case members).
struct OIDCDiscoveryDocument: Encodable {
    let issuer: String
    let jwksURI: String
    let idTokenSigningAlgValuesSupported: [String]
    let subjectTypesSupported: [String]
    let responseTypesSupported: [String]
    let claimsSupported: [String]
    let scopesSupported: [String]
    let authorizationEndpoint: String
    let tokenEndpoint: String
    let deviceAuthorizationEndpoint: String
    let revocationEndpoint: String
    let userinfoEndpoint: String
    let endSessionEndpoint: String
    let grantTypesSupported: [String]
    let codeChallengeMethodsSupported: [String]
    let tokenEndpointAuthMethodsSupported: [String]

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case subjectTypesSupported = "subject_types_supported"
        case responseTypesSupported = "response_types_supported"
        case claimsSupported = "claims_supported"
        case scopesSupported = "scopes_supported"
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case deviceAuthorizationEndpoint = "device_authorization_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case grantTypesSupported = "grant_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
    }

    init(_ response: IdentityV1.GetDiscoveryResponse) {
        issuer = response.issuer
        jwksURI = response.jwksUri
        idTokenSigningAlgValuesSupported = response.idTokenSigningAlgValuesSupported
        subjectTypesSupported = response.subjectTypesSupported
        responseTypesSupported = response.responseTypesSupported
        claimsSupported = response.claimsSupported
        scopesSupported = response.scopesSupported
        authorizationEndpoint = response.authorizationEndpoint
        tokenEndpoint = response.tokenEndpoint
        deviceAuthorizationEndpoint = response.deviceAuthorizationEndpoint
        revocationEndpoint = response.revocationEndpoint
        userinfoEndpoint = response.userinfoEndpoint
        endSessionEndpoint = response.endSessionEndpoint
        grantTypesSupported = response.grantTypesSupported
        codeChallengeMethodsSupported = response.codeChallengeMethodsSupported
        tokenEndpointAuthMethodsSupported = response.tokenEndpointAuthMethodsSupported
    }
}

/// A JWK Set (RFC 7517 §5) of EC (`crv`, `x`, `y`) and RSA (`n`, `e`) keys; members a key type does not have are
/// left out (JOSE libraries refuse an EC key with an `n`, or an empty one).
struct OIDCKeySet: Encodable {
    struct Key: Encodable {
        let kty, kid, use, alg: String
        let crv, x, y, n, e: String?
    }

    let keys: [Key]

    init(_ response: IdentityV1.GetJWKSResponse) {
        func present(_ value: String) -> String? { value.isEmpty ? nil : value }
        keys = response.keys.map {
            Key(
                kty: $0.kty, kid: $0.kid, use: $0.use, alg: $0.alg, crv: present($0.crv), x: present($0.x),
                y: present($0.y), n: present($0.n), e: present($0.e))
        }
    }
}
