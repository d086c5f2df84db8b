import COpenSSL

/// An ECDSA P-256 public key: PEM in and out, ES256 verify, RFC 7638 JWK thumbprint.
public struct ECPublicKey: Sendable {
    let key: EVPKey

    init(key: EVPKey) { self.key = key }

    /// Loads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo); throws unless it is P-256.
    public init(pem: String) throws(CryptoError) {
        let key = try EVPKey.fromPEM(pem, "read EC public key PEM") { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
        try key.requireP256("read EC public key PEM")
        self.key = key
    }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    public func pemRepresentation() throws(CryptoError) -> String {
        try EVPKey.pem("write EC public key PEM") { PEM_write_bio_PUBKEY($0, key.handle) }
    }

    /// Whether `signature` (raw `r || s`, 64 bytes) is a valid ES256 signature of `message`. A malformed signature
    /// is simply not valid.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let der = try? ECDSASignature.der(fromRaw: signature) else { return false }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key.handle) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = der.withUnsafeBufferPointer { derBuffer in
            message.withUnsafeBufferPointer {
                EVP_DigestVerify(context, derBuffer.baseAddress, derBuffer.count, $0.baseAddress, $0.count)
            }
        }
        if result != 1 { ERR_clear_error() }
        return result == 1
    }

    /// The JWK members (`kty`, `crv`, `x`, `y`; base64url without padding).
    public func jwk() throws(CryptoError) -> [String: String] {
        let point = try key.publicPoint()
        guard point.count == 65, point[0] == 4 else {
            throw CryptoError(operation: "EC public key JWK", reason: "unexpected public point encoding")
        }
        return [
            "kty": "EC", "crv": "P-256", "x": Base64URL.encode(Array(point[1..<33])),
            "y": Base64URL.encode(Array(point[33..<65])),
        ]
    }

    /// RFC 7638 thumbprint: base64url(SHA-256 of the required members in lexicographic order, no spaces).
    public func jwkThumbprint() throws(CryptoError) -> String {
        let jwk = try jwk()
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(jwk["x"] ?? "")","y":"\#(jwk["y"] ?? "")"}"#
        return Base64URL.encode(try SHA256.digest(Array(canonical.utf8)))
    }
}
