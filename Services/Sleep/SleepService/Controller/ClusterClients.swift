import BerthKube
import Logging

/// One `KubeClient` per cluster, made on first use from the cluster's kubeconfig and context and kept (a changed
/// kubeconfig or context makes a new one). `shutdown()` closes them all when the service stops.
actor ClusterClients {
    private let connect: @Sendable (DirectoryCluster) throws -> KubeConnection
    private let options: KubeClient.Options
    private let logger: Logger
    private var clients: [String: (cluster: DirectoryCluster, client: KubeClient)] = [:]

    /// - Parameter connect: reads the cluster's kubeconfig (the real one: `ClusterClients.kubeconfig`).
    init(
        options: KubeClient.Options = KubeClient.Options(), logger: Logger,
        connect: @escaping @Sendable (DirectoryCluster) throws -> KubeConnection = ClusterClients.kubeconfig
    ) {
        self.connect = connect
        self.options = options
        self.logger = logger
    }

    /// `in-cluster` uses the pod's service account; otherwise the kubeconfig file and context (as tenancy does).
    @Sendable static func kubeconfig(_ cluster: DirectoryCluster) throws -> KubeConnection {
        if cluster.kubeconfig == "in-cluster" { return try KubeConnection.inCluster() }
        return try KubeConnection.kubeconfig(path: cluster.kubeconfig, context: cluster.context.isEmpty ? nil : cluster.context)
    }

    func client(for cluster: DirectoryCluster) async throws -> KubeClient {
        if let known = clients[cluster.name], known.cluster == cluster { return known.client }
        if let stale = clients.removeValue(forKey: cluster.name) { try? await stale.client.shutdown() }
        let client = try KubeClient(connection: try connect(cluster), options: options, logger: logger)
        clients[cluster.name] = (cluster, client)
        return client
    }

    func shutdown() async {
        for entry in clients.values { try? await entry.client.shutdown() }
        clients = [:]
    }
}
