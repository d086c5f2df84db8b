import Foundation

extension KubeConnection {
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The pod's own service account: `KUBERNETES_SERVICE_HOST`/`_PORT`, the token file (re-read as it rotates),
    /// `ca.crt` and `namespace` from `directory`.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String = serviceAccountDirectory
    ) throws -> KubeConnection {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeError(
                .kubeconfig,
                "in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: run inside a pod or give a kubeconfig"
            )
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(bracketed):\(port)") else {
            throw KubeError(.kubeconfig, "in-cluster: KUBERNETES_SERVICE_HOST \(host) is not a host name or address")
        }
        let tokenPath = directory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeError(.kubeconfig, "in-cluster: \(tokenPath) cannot be read: mount the service account token")
        }
        guard let ca = FileManager.default.contents(atPath: directory + "/ca.crt") else {
            throw KubeError(.kubeconfig, "in-cluster: \(directory)/ca.crt cannot be read: mount the service account CA")
        }
        let namespace = FileManager.default.contents(atPath: directory + "/namespace").map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return KubeConnection(
            server: server, credentials: .tokenFile(path: tokenPath), certificateAuthorityPEM: ca, namespace: namespace)
    }
}
