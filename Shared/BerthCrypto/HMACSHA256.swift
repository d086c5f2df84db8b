import COpenSSL

/// HMAC-SHA256 through OpenSSL's EVP_MAC (webhook signatures).
public enum HMACSHA256 {
    public static let byteCount = 32

    public static func authenticationCode(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { throw CryptoError.fromOpenSSL("HMAC fetch") }
        defer { EVP_MAC_free(mac) }
        guard let context = EVP_MAC_CTX_new(mac) else { throw CryptoError.fromOpenSSL("HMAC context") }
        defer { EVP_MAC_CTX_free(context) }
        var digestName = Array("SHA256".utf8CString)
        let initialized = digestName.withUnsafeMutableBufferPointer { name -> Int32 in
            var params = [
                OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, name.baseAddress, 0), OSSL_PARAM_construct_end(),
            ]
            return key.withUnsafeBufferPointer { EVP_MAC_init(context, $0.baseAddress, $0.count, &params) }
        }
        guard initialized == 1 else { throw CryptoError.fromOpenSSL("HMAC init") }
        let updated = message.withUnsafeBufferPointer { EVP_MAC_update(context, $0.baseAddress, $0.count) }
        guard updated == 1 else { throw CryptoError.fromOpenSSL("HMAC update") }
        var output = [UInt8](repeating: 0, count: byteCount)
        var length = 0
        guard EVP_MAC_final(context, &output, &length, output.count) == 1, length == byteCount else {
            throw CryptoError.fromOpenSSL("HMAC final")
        }
        return output
    }
}
