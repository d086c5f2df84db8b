import Foundation

/// Compact JWS tokens (RFC 7515/7519) signed with ES256 or RS256: `base64url(header).base64url(payload).base64url(sig)`.
///
/// Verification refuses before looking at the signature anything whose `alg` is not in the policy's allow-list
/// (so `none`, and `HS256` with a public key as secret, never get through), then checks the signature with the
/// key named by `kid`, then `iss`, `aud`, `exp` and `nbf` with a small leeway.
public enum JWT {
    /// The JOSE header Berth writes and reads.
    public struct Header: Codable, Sendable, Equatable {
        public var alg: String
        public var kid: String?
        public var typ: String?

        public init(alg: String, kid: String?, typ: String? = "JWT") {
            self.alg = alg
            self.kid = kid
            self.typ = typ
        }
    }

    /// Signs `claims` (any JSON object) with `key` (ES256 or RS256: the header's `alg` is the key's), naming it
    /// `keyID` in the header.
    public static func sign<Claims: Encodable>(
        _ claims: Claims, with key: some JWSSigningKey, keyID: String
    ) throws(CryptoError) -> String {
        let header = try encodeJSON(Header(alg: key.algorithm.rawValue, kid: keyID))
        let payload = try encodeJSON(claims)
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try key.sign(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies `token` under `policy` and decodes its claims. `keys` answers the public key for a `kid` (nil:
    /// unknown). Throws `CryptoError` with code `.malformedToken`, `.algorithmNotAllowed`, `.unknownKey`,
    /// `.badSignature`, `.wrongIssuer`, `.wrongAudience`, `.expired` or `.notYetValid`.
    public static func verify<Claims: Decodable>(
        _ token: String, as type: Claims.Type, policy: JWTVerificationPolicy, keys: (String) -> ECPublicKey?
    ) throws(CryptoError) -> Claims {
        try verifyWithAnyKey(token, as: type, policy: policy) { kid -> (any JWSPublicKey)? in keys(kid) }
    }

    /// The verification both public `verify` functions run (see `JWT+Keys.swift` for keys of any algorithm).
    static func verifyWithAnyKey<Claims: Decodable>(
        _ token: String, as type: Claims.Type, policy: JWTVerificationPolicy, keys: (String) -> (any JWSPublicKey)?
    ) throws(CryptoError) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(String(parts[0])),
            let payloadBytes = Base64URL.decode(String(parts[1])), let signature = Base64URL.decode(String(parts[2]))
        else { throw refused(.malformedToken, "it is not three base64url parts separated by '.'") }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes)) else {
            throw refused(.malformedToken, "its header is not a JSON object with alg")
        }
        guard policy.allowedAlgorithms.contains(header.alg) else {
            throw refused(
                .algorithmNotAllowed,
                "its algorithm \"\(header.alg)\" is not allowed (allowed: \(policy.allowedAlgorithms.sorted().joined(separator: ", ")))")
        }
        guard let keyID = header.kid, let key = keys(keyID) else {
            throw refused(.unknownKey, "no trusted key has id \"\(header.kid ?? "")\": fetch the issuer's JWKS again")
        }
        guard key.algorithm == header.alg else {
            throw refused(.algorithmNotAllowed, "its algorithm \"\(header.alg)\" is not the algorithm of key \"\(keyID)\" (\(key.algorithm))")
        }
        let signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
        guard key.isValidSignature(signature, for: signingInput) else {
            throw refused(.badSignature, "its signature does not verify with key \"\(keyID)\"")
        }
        guard let registered = try? JSONDecoder().decode(RegisteredClaims.self, from: Data(payloadBytes)) else {
            throw refused(.malformedToken, "its payload is not a JSON object with registered claims of the right types")
        }
        try policy.check(registered)
        do {
            return try JSONDecoder().decode(Claims.self, from: Data(payloadBytes))
        } catch {
            throw refused(.malformedToken, "its claims do not decode as \(Claims.self): \(error)")
        }
    }

    /// Sorted keys, unescaped slashes: compact and stable.
    static func encodeJSON<Value: Encodable>(_ value: Value) throws(CryptoError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw CryptoError(operation: "JWT encode", reason: "\(error)")
        }
    }

    static func refused(_ code: CryptoError.Code, _ reason: String) -> CryptoError {
        CryptoError(code: code, operation: "verify token", reason: reason)
    }
}

/// `iss`, `aud` (a string or an array), `exp`, `nbf`, `iat`: what every verification checks.
struct RegisteredClaims: Decodable {
    var iss: String?
    var aud: [String]
    var exp: Int64?
    var nbf: Int64?

    enum CodingKeys: String, CodingKey { case iss, aud, exp, nbf }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decodeIfPresent(String.self, forKey: .iss)
        if let single = try? container.decodeIfPresent(String.self, forKey: .aud) {
            aud = [single]
        } else {
            aud = try container.decodeIfPresent([String].self, forKey: .aud) ?? []
        }
        exp = try container.decodeIfPresent(Int64.self, forKey: .exp)
        nbf = try container.decodeIfPresent(Int64.self, forKey: .nbf)
    }
}

/// What a verified token must satisfy.
public struct JWTVerificationPolicy: Sendable {
    /// The exact `iss` expected.
    public var issuer: String
    /// One of the token's `aud` values must be this.
    public var audience: String
    /// Header `alg` values accepted (ES256 only by default; `none` is refused whatever this says).
    public var allowedAlgorithms: Set<String>
    /// Now, in seconds since 1970 (the caller's clock: tests inject one).
    public var now: Int64
    /// Clock skew tolerated on `exp` and `nbf`, in seconds (60).
    public var leeway: Int64

    public init(
        issuer: String, audience: String, allowedAlgorithms: Set<String> = ["ES256"], now: Int64, leeway: Int64 = 60
    ) {
        self.issuer = issuer
        self.audience = audience
        self.allowedAlgorithms = allowedAlgorithms.subtracting(["none"])
        self.now = now
        self.leeway = leeway
    }

    func check(_ claims: RegisteredClaims) throws(CryptoError) {
        guard claims.iss == issuer else {
            throw JWT.refused(.wrongIssuer, "its issuer \"\(claims.iss ?? "")\" is not \"\(issuer)\"")
        }
        guard claims.aud.contains(audience) else {
            throw JWT.refused(.wrongAudience, "its audience \(claims.aud) does not include \"\(audience)\"")
        }
        guard let exp = claims.exp else { throw JWT.refused(.malformedToken, "it has no exp claim") }
        guard now < exp + leeway else {
            throw JWT.refused(.expired, "it expired at \(exp) (now \(now)): get a new token (berth login)")
        }
        if let nbf = claims.nbf, now + leeway < nbf {
            throw JWT.refused(.notYetValid, "it is not valid before \(nbf) (now \(now)): check the clocks")
        }
    }
}
