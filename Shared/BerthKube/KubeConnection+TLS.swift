import Foundation
import NIOSSL

extension KubeConnection {
    /// The TLS client configuration: the kubeconfig's CA (else system roots), client certificate, server name.
    func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca)))
            } catch {
                throw KubeError(.kubeconfig, "certificate-authority: not a PEM certificate (\(error)): check the CA data or file")
            }
        }
        if case .clientCertificate(let certificatePEM, let keyPEM) = credentials {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM)).map { .certificate($0) }
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
