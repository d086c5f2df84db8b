import BerthCrypto

/// What discovery says about an upstream provider, and the keys of its JWKS.
struct UpstreamOIDCProvider: Sendable {
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String

    /// From `<issuer>/.well-known/openid-configuration`; its `issuer` must be exactly the configured one
    /// (OpenID Connect Discovery §4.3), so a provider cannot speak for another.
    init(discovery: [String: Any], issuer: String) throws(IdentityError) {
        guard let announced = discovery["issuer"] as? String, announced == issuer else {
            throw IdentityError(
                code: .upstreamUnavailable,
                message: "the discovery document of \(issuer) names issuer \"\(discovery["issuer"] ?? "")\": set the "
                    + "connector's issuer to exactly the provider's issuer URL")
        }
        guard let authorization = discovery["authorization_endpoint"] as? String,
            let token = discovery["token_endpoint"] as? String, let jwks = discovery["jwks_uri"] as? String
        else {
            throw IdentityError(
                code: .upstreamUnavailable,
                message: "the discovery document of \(issuer) lacks authorization_endpoint, token_endpoint or jwks_uri")
        }
        authorizationEndpoint = authorization
        tokenEndpoint = token
        jwksURI = jwks
    }

    /// The signing keys of a JWKS by kid: RSA (n, e) and EC P-256 (x, y). Keys for encryption (`use: enc`),
    /// without a kid, or of other types are skipped.
    static func keys(fromJWKS jwks: [String: Any]) -> [String: any JWSPublicKey] {
        var keys: [String: any JWSPublicKey] = [:]
        for entry in jwks["keys"] as? [[String: Any]] ?? [] {
            guard let kid = entry["kid"] as? String, (entry["use"] as? String ?? "sig") == "sig" else { continue }
            switch entry["kty"] as? String {
            case "RSA":
                if let n = entry["n"] as? String, let e = entry["e"] as? String,
                    let key = try? RSAPublicKey(modulus: n, exponent: e)
                {
                    keys[kid] = key
                }
            case "EC":
                if entry["crv"] as? String == "P-256", let x = entry["x"] as? String, let y = entry["y"] as? String,
                    let key = try? ECPublicKey(jwkX: x, y: y)
                {
                    keys[kid] = key
                }
            default: continue
            }
        }
        return keys
    }
}
