import ArgumentParser
import BerthRPC
import Foundation

/// `berth cluster …`
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "Connect, list and remove the Kubernetes clusters spaces live in.",
        subcommands: [ClusterAddCommand.self, ClusterListCommand.self, ClusterRemoveCommand.self])

    static func table(_ clusters: [TenancyV1.Cluster]) -> Table {
        Table(
            header: ["NAME", "DEFAULT", "HEALTH", "CHECKED", "KUBECONFIG", "MESSAGE"],
            rows: clusters.map { cluster in
                [
                    cluster.name, cluster.isDefault ? "yes" : "", cluster.health,
                    cluster.checkedUnixSeconds == 0
                        ? "-" : ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(cluster.checkedUnixSeconds))),
                    cluster.kubeconfig + (cluster.context.isEmpty ? "" : " (\(cluster.context))"),
                    cluster.message.isEmpty ? "-" : cluster.message,
                ]
            })
    }
}

/// `berth cluster add NAME --kubeconfig FILE [--context C] [--default]`
struct ClusterAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Connect a cluster (admins only).",
        discussion: """
            The kubeconfig must be a file berth-tenancy's user can read (under systemd: /etc/berth/, group berth), \
            or `in-cluster` when Berth runs in a pod. Berth needs the RBAC in deploy/kubernetes/berth-rbac.yaml there. \
            The first cluster connected is the default for spaces created without --cluster.
            """)

    @Argument(help: "The cluster's name in Berth: lowercase letters, digits and '-'.") var name: String
    @Option(help: "Absolute path of the kubeconfig, or in-cluster.") var kubeconfig: String
    @Option(help: "The kubeconfig context; default: its current-context.") var context = ""
    @Flag(name: .customLong("default"), help: "Make it the default cluster.") var makeDefault = false
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let path = kubeconfig == "in-cluster" || kubeconfig.hasPrefix("/")
            ? kubeconfig : FileManager.default.currentDirectoryPath + "/" + kubeconfig
        let cluster = try await client.client(for: .tenancy).unary(
            TenancyV1.addCluster,
            TenancyV1.AddClusterRequest(
                cluster: TenancyV1.Cluster(name: name, kubeconfig: path, context: context, isDefault: makeDefault)))
        try output.print(cluster) { ClusterCommand.table([cluster]) }
    }
}

/// `berth cluster list`
struct ClusterListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List clusters and their health.")

    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let clusters = try await client.client(for: .tenancy).unary(TenancyV1.listClusters, TenancyV1.ListClustersRequest()).clusters
        try output.print(clusters) { ClusterCommand.table(clusters) }
    }
}

/// `berth cluster remove NAME`
struct ClusterRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Disconnect a cluster that has no spaces left (admins only).")

    @Argument(help: "The cluster's name.") var name: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        _ = try await client.client(for: .tenancy).unary(TenancyV1.removeCluster, TenancyV1.RemoveClusterRequest(name: name))
        print("cluster \(name) disconnected")
    }
}
