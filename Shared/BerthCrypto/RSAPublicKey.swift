import COpenSSL

/// An RSA public key for RS256 (RSASSA-PKCS1-v1_5 with SHA-256), from a JWK's `n` and `e`: how upstream
/// identity providers publish their signing keys, and the public half of Berth's own `RSAPrivateKey`.
public struct RSAPublicKey: JWSPublicKey {
    let key: EVPKey
    public var algorithm: String { "RS256" }

    /// Keys shorter than this are refused (RFC 7518 §3.3 requires 2048 bits for RS256).
    public static let minimumBits: Int32 = 2048

    /// From the JWK members `n` (modulus) and `e` (exponent), base64url big-endian.
    public init(modulus n: String, exponent e: String) throws(CryptoError) {
        let operation = "read RSA JWK"
        guard let modulus = Base64URL.decode(n), let exponent = Base64URL.decode(e), !modulus.isEmpty, !exponent.isEmpty
        else { throw CryptoError(operation: operation, reason: "n or e is not base64url") }
        // OSSL_PARAM_construct_BN reads unsigned integers in native byte order; JWK has them big-endian.
        var nativeModulus = Self.nativeOrder(modulus)
        var nativeExponent = Self.nativeOrder(exponent)
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { throw CryptoError.fromOpenSSL(operation) }
        defer { EVP_PKEY_CTX_free(context) }
        var made: OpaquePointer?
        // EVP_PKEY_PUBLIC_KEY is a macro expression that does not import: its value, from the parts that do.
        let selection = Int32(
            OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS)
        let ok = nativeModulus.withUnsafeMutableBufferPointer { nBuffer in
            nativeExponent.withUnsafeMutableBufferPointer { eBuffer in
                var params = [
                    OSSL_PARAM_construct_BN(OSSLParamName.rsaN, nBuffer.baseAddress, nBuffer.count),
                    OSSL_PARAM_construct_BN(OSSLParamName.rsaE, eBuffer.baseAddress, eBuffer.count),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_PKEY_fromdata_init(context) == 1
                    && EVP_PKEY_fromdata(context, &made, selection, &params) == 1
            }
        }
        guard ok, let made else { throw CryptoError.fromOpenSSL(operation) }
        let key = EVPKey(made)
        guard EVP_PKEY_get_bits(made) >= Self.minimumBits else {
            throw CryptoError(
                operation: operation, reason: "the key has \(EVP_PKEY_get_bits(made)) bits: RS256 needs at least 2048")
        }
        self.key = key
    }

    static func nativeOrder(_ bigEndian: [UInt8]) -> [UInt8] {
        1.littleEndian == 1 ? Array(bigEndian.reversed()) : bigEndian
    }

    /// Whether `signature` is a valid RS256 signature of `message`. A malformed signature is simply not valid.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key.handle) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = signature.withUnsafeBufferPointer { signatureBuffer in
            message.withUnsafeBufferPointer {
                EVP_DigestVerify(context, signatureBuffer.baseAddress, signatureBuffer.count, $0.baseAddress, $0.count)
            }
        }
        if result != 1 { ERR_clear_error() }
        return result == 1
    }
}
