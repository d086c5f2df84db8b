extension JWT {
    /// `verify` for keys of any supported algorithm (ES256, RS256): the header's `alg` must be allowed by the
    /// policy and equal the algorithm of the key its `kid` names. Same errors as the ES256-only `verify`.
    public static func verify<Claims: Decodable>(
        _ token: String, as type: Claims.Type, policy: JWTVerificationPolicy,
        verifyingKeys keys: (String) -> (any JWSPublicKey)?
    ) throws(CryptoError) -> Claims {
        try verifyWithAnyKey(token, as: type, policy: policy, keys: keys)
    }
}
