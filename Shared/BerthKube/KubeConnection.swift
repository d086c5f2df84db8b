import Foundation

/// Where and how to reach one API server: what a kubeconfig context or the in-cluster service account resolves to.
/// File contents are read when the connection is resolved, except `tokenFile`, which is re-read when it changes.
public struct KubeConnection: Sendable {
    public enum Credentials: Sendable {
        case none
        case bearerToken(String)
        /// A token file (projected service-account tokens rotate): re-read whenever its modification time changes.
        case tokenFile(path: String)
        /// PEM client certificate chain and private key.
        case clientCertificate(certificatePEM: Data, keyPEM: Data)
    }

    /// `https://host:port` (or `http://` for a loopback test server), without a trailing slash.
    public var server: URL
    public var credentials: Credentials
    /// PEM bundle of the CAs to trust; nil trusts the system roots.
    public var certificateAuthorityPEM: Data?
    /// Skip server certificate verification. Only ever true when Berth's own config allowed it explicitly.
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    /// The context's namespace, if any.
    public var namespace: String?

    public init(
        server: URL, credentials: Credentials = .none, certificateAuthorityPEM: Data? = nil,
        insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, namespace: String? = nil
    ) {
        self.server = server
        self.credentials = credentials
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.namespace = namespace
    }
}
