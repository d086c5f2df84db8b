/// RFC 7636 PKCE with S256 only (`plain` is refused: it protects nothing against a code seen in transit). Both
/// sides use it: the clients that start a code flow (the CLI, the portal, identity towards an upstream IdP) and
/// identity, which checks the verifier at the token endpoint.
public enum PKCE {
    /// A fresh verifier: 32 random bytes, base64url (43 characters).
    public static func makeVerifier() throws(CryptoError) -> String {
        Base64URL.encode(try SecureRandom.bytes(32))
    }

    /// `BASE64URL(SHA256(verifier))`.
    public static func challenge(for verifier: String) throws(CryptoError) -> String {
        Base64URL.encode(try SHA256.digest(Array(verifier.utf8)))
    }

    /// A verifier is 43–128 characters of `[A-Za-z0-9-._~]` (RFC 7636 §4.1).
    public static func isWellFormed(_ value: String) -> Bool {
        (43...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            }
    }

    /// Constant-time check of `verifier` against the stored challenge.
    public static func verify(verifier: String, challenge: String) throws(CryptoError) -> Bool {
        guard isWellFormed(verifier) else { return false }
        return ConstantTime.equals(Array(try Self.challenge(for: verifier).utf8), Array(challenge.utf8))
    }
}
