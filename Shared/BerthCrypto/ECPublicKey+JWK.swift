import COpenSSL

extension ECPublicKey {
    /// From a P-256 JWK's `x` and `y` (base64url, 32 bytes each): upstream providers' ES256 keys.
    public init(jwkX x: String, y: String) throws(CryptoError) {
        let operation = "read EC JWK"
        guard let xBytes = Base64URL.decode(x), let yBytes = Base64URL.decode(y), xBytes.count == 32, yBytes.count == 32
        else { throw CryptoError(operation: operation, reason: "x and y must be 32 bytes of base64url each (P-256)") }
        var point = [UInt8(4)] + xBytes + yBytes
        var group = Array("prime256v1".utf8CString)
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw CryptoError.fromOpenSSL(operation) }
        defer { EVP_PKEY_CTX_free(context) }
        var made: OpaquePointer?
        let selection = Int32(
            OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS)
        let ok = group.withUnsafeMutableBufferPointer { groupBuffer in
            point.withUnsafeMutableBufferPointer { pointBuffer in
                var params = [
                    OSSL_PARAM_construct_utf8_string(OSSLParamName.group, groupBuffer.baseAddress, 0),
                    OSSL_PARAM_construct_octet_string(OSSLParamName.publicKey, pointBuffer.baseAddress, pointBuffer.count),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_PKEY_fromdata_init(context) == 1
                    && EVP_PKEY_fromdata(context, &made, selection, &params) == 1
            }
        }
        guard ok, let made else { throw CryptoError.fromOpenSSL(operation) }
        let key = EVPKey(made)
        try key.requireP256(operation)
        self.init(key: key)
    }
}
