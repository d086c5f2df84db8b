import COpenSSL
import Foundation

/// An X.509 certificate in PEM form. Berth makes one kind itself: the self-signed server certificate
/// `berth admin init` gives the gateway when the config names none (ECDSA P-256, SHA-256).
public struct X509Certificate: Sendable, Equatable {
    /// `-----BEGIN CERTIFICATE-----` … (one certificate).
    public let pem: String

    /// A self-signed TLS server certificate for `key`: subject and issuer `CN=<commonName>`, the given DNS names
    /// and IP addresses as subjectAltName (clients check only those), `serverAuth`, not a CA, a random 127-bit
    /// serial, valid from `notBefore` for `validity`.
    ///
    /// - Parameter notBefore: the caller's clock (Berth never reads the wall clock inside logic).
    public static func selfSigned(
        key: ECPrivateKey, commonName: String, dnsNames: [String], ipAddresses: [String], notBefore: Date,
        validity: Duration
    ) throws(CryptoError) -> X509Certificate {
        let operation = "create self-signed certificate for \(commonName)"
        guard !dnsNames.isEmpty || !ipAddresses.isEmpty else {
            throw CryptoError(operation: operation, reason: "no DNS name or IP address: give at least one")
        }
        // The names go into OpenSSL's "DNS:a,IP:b" extension syntax: a comma or colon would change its meaning.
        if let bad = dnsNames.first(where: { !isHostName($0) }) {
            throw CryptoError(operation: operation, reason: "\"\(bad)\" is not a host name: use letters, digits, - and .")
        }
        if let bad = ipAddresses.first(where: { !isIPAddress($0) }) {
            throw CryptoError(operation: operation, reason: "\"\(bad)\" is not an IPv4 or IPv6 address")
        }
        guard let certificate = X509_new() else { throw CryptoError.fromOpenSSL(operation) }
        defer { X509_free(certificate) }

        let start = time_t(notBefore.timeIntervalSince1970.rounded(.down))
        let seconds = validity.components.seconds
        guard X509_set_version(certificate, 2) == 1,  // v3: extensions
            try setRandomSerial(certificate, operation),
            ASN1_TIME_set(X509_getm_notBefore(certificate), start) != nil,
            ASN1_TIME_set(X509_getm_notAfter(certificate), start + time_t(seconds)) != nil,
            X509_set_pubkey(certificate, key.key.handle) == 1
        else { throw CryptoError.fromOpenSSL(operation) }

        guard let name = X509_get_subject_name(certificate),
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0) == 1,
            X509_set_issuer_name(certificate, name) == 1
        else { throw CryptoError.fromOpenSSL(operation) }

        let alternativeNames = (dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }).joined(separator: ",")
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, certificate, certificate, nil, nil, 0)
        // keyCertSign although CA:FALSE: a client that is given this self-signed certificate as its trust anchor
        // (`berth --server-ca`, through BoringSSL) checks the anchor as the leaf's issuer, and BoringSSL refuses an
        // issuer without keyCertSign (OpenSSL 3 trusts an exact leaf match without that check).
        for (nid, value) in [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature,keyCertSign"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_key_identifier, "hash"),
            (NID_subject_alt_name, alternativeNames),
        ] {
            guard let extensionHandle = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw CryptoError.fromOpenSSL(operation + " (extension \(value))")
            }
            defer { X509_EXTENSION_free(extensionHandle) }
            guard X509_add_ext(certificate, extensionHandle, -1) == 1 else { throw CryptoError.fromOpenSSL(operation) }
        }

        guard X509_sign(certificate, key.key.handle, EVP_sha256()) > 0 else { throw CryptoError.fromOpenSSL(operation) }
        return X509Certificate(
            pem: try EVPKey.pem("write certificate PEM") { PEM_write_bio_X509($0, certificate) })
    }

    /// A positive serial from 16 random bytes (top bit cleared), as RFC 5280 asks: unique without a registry.
    private static func setRandomSerial(_ certificate: OpaquePointer, _ operation: String) throws(CryptoError) -> Bool {
        var bytes = try SecureRandom.bytes(16)
        bytes[0] &= 0x7f
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw CryptoError.fromOpenSSL(operation) }
        defer { BN_free(number) }
        return BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil
    }

    static func isHostName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 253
            && name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0)
                || ("A"..."Z").contains($0) || $0 == "-" || $0 == "." }
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
