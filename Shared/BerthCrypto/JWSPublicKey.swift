/// A public key that verifies one JWS algorithm: `ECPublicKey` (ES256) and `RSAPublicKey` (RS256).
/// `JWT.verify(_:as:policy:verifyingKeys:)` accepts a token only when its header's `alg` is both allowed by the
/// policy and the algorithm of the key its `kid` names (no RS256 token checked with an EC key, or the reverse).
public protocol JWSPublicKey: Sendable {
    /// `ES256`, `RS256`.
    var algorithm: String { get }
    /// Whether `signature` (as it appears in the JWS, base64url-decoded) signs `message`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}

extension ECPublicKey: JWSPublicKey {
    public var algorithm: String { "ES256" }
}
