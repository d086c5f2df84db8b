import NIOSSL

/// The TLS configuration of an `https://` gateway listener, loaded when the gateway starts so that a missing or
/// unreadable certificate or key stops it with the key to fix, instead of serving plain HTTP on an https address.
enum GatewayTLS {
    static func serverConfiguration(certFile: String, keyFile: String) throws -> TLSConfiguration {
        guard !certFile.isEmpty, !keyFile.isEmpty else {
            throw GatewayError(
                message: "gateway.listen is https but gateway.tls.certFile/keyFile are not both set: set them (berth "
                    + "admin init makes a self-signed pair in <stateDir>/tls/), or listen on http://127.0.0.1")
        }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certFile)
        } catch {
            throw GatewayError(
                message: "gateway.tls.certFile: cannot read a PEM certificate chain from \(certFile) (\(error)): check "
                    + "the path and that the berth user may read it")
        }
        guard !chain.isEmpty else {
            throw GatewayError(message: "gateway.tls.certFile: \(certFile) holds no certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        } catch {
            throw GatewayError(
                message: "gateway.tls.keyFile: cannot read a PEM private key from \(keyFile) (\(error)): check the "
                    + "path, that it is not encrypted, and that the berth user may read it")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
