import Foundation
import NIOSSL

extension KubeConnection {
    /// The TLS client configuration: the kubeconfig's CA (else system roots), client certificate, server name.
    func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = certificateAuthorityPEM {
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(Array(ca))
                guard !certificates.isEmpty else { throw KubeError(.kubeconfig, "no PEM block") }
                tls.trustRoots = .certificates(certificates)
            } catch {
                throw KubeError(.kubeconfig, "certificate-authority: not a PEM certificate (\(error)): check the CA data or file")
            }
        }
        if case .clientCertificate(let certificatePEM, let keyPEM) = credentials {
            do {
                let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM))
                guard !chain.isEmpty else { throw KubeError(.kubeconfig, "no PEM block") }
                tls.certificateChain = chain.map { .certificate($0) }
            } catch {
                throw KubeError(.kubeconfig, "client-certificate: not a PEM certificate (\(error)): check the client certificate")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM), format: .pem))
            } catch {
                throw KubeError(.kubeconfig, "client-key: not a PEM private key (\(error)): check the client key")
            }
        }
        if insecureSkipTLSVerify { tls.certificateVerification = .none }
        return tls
    }
}
