import Foundation

/// A person's kubeconfig for one cluster: the cluster's endpoint, a user whose credentials come from
/// `berth token` (a client.authentication.k8s.io/v1 exec plugin that prints a fresh Berth ID token), and a context
/// per space. Written as JSON, which is YAML, so kubectl reads it without Berth needing a YAML writer here.
public struct UserKubeconfig: Sendable, Equatable {
    public var clusterName: String
    public var server: String
    public var certificateAuthorityPEM: String
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String
    /// The gateway URL `berth token` gets tokens from.
    public var berthServer: String
    /// Contexts to add, one per space (namespace); the first is current.
    public var namespaces: [String]

    public init(
        clusterName: String, server: String, certificateAuthorityPEM: String = "", insecureSkipTLSVerify: Bool = false,
        tlsServerName: String = "", berthServer: String, namespaces: [String]
    ) {
        self.clusterName = clusterName
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.berthServer = berthServer
        self.namespaces = namespaces
    }

    /// The user entry's name: one per Berth server, shared by its clusters' contexts.
    public var userName: String { "berth-\(clusterName)" }

    /// The context name for a space.
    public func contextName(_ namespace: String) -> String { "\(clusterName)-\(namespace)" }

    /// A kubeconfig `user` whose credentials come from `berth token --server <berthServer>` (an ExecCredential
    /// plugin that never prompts: it exits 2 with a message when a new `berth login` is needed). The one
    /// definition of Berth's exec user, for the portal's downloads and `berth kubeconfig`.
    public static func execUser(command: String, berthServer: String) -> [String: Any] {
        [
            "exec": [
                "apiVersion": "client.authentication.k8s.io/v1", "command": command,
                "args": ["token", "--server", berthServer], "interactiveMode": "Never", "provideClusterInfo": false,
            ] as [String: Any]
        ]
    }

    /// The document (`kubectl` accepts JSON kubeconfigs).
    public func json() throws -> Data {
        var cluster: [String: Any] = ["server": server]
        if !certificateAuthorityPEM.isEmpty {
            cluster["certificate-authority-data"] = Data(certificateAuthorityPEM.utf8).base64EncodedString()
        }
        if insecureSkipTLSVerify { cluster["insecure-skip-tls-verify"] = true }
        if !tlsServerName.isEmpty { cluster["tls-server-name"] = tlsServerName }
        let document: [String: Any] = [
            "apiVersion": "v1", "kind": "Config",
            "clusters": [["name": clusterName, "cluster": cluster]],
            "users": [["name": userName, "user": Self.execUser(command: "berth", berthServer: berthServer)]],
            "contexts": namespaces.map { namespace in
                ["name": contextName(namespace), "context": ["cluster": clusterName, "user": userName, "namespace": namespace]]
            },
            "current-context": namespaces.first.map(contextName) ?? "",
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
