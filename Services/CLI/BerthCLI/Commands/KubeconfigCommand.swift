import ArgumentParser
import Foundation

/// `berth kubeconfig`: writes a kubeconfig user whose token comes from `berth token` (and, with
/// `--cluster-server`, the cluster and a context), merged into the existing file without touching other entries.
struct KubeconfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeconfig",
        abstract: "Add a kubeconfig user (and optionally cluster + context) that gets its token from `berth token`.",
        discussion: """
            Merges into --kubeconfig (default: the first file of $KUBECONFIG, else ~/.kube/config); entries with
            the same names are replaced, everything else is kept. The file stays 0600.

            Examples:
              berth kubeconfig
              berth kubeconfig --cluster dev --cluster-server https://dev-api.example.com:6443 --certificate-authority ca.crt
            """)

    @OptionGroup var client: ClientOptions
    @Option(help: "The kubeconfig file to write.") var kubeconfig: String?
    @Option(help: "The user entry's name.") var user: String = "berth"
    @Option(help: "Also write a context for this cluster (with --cluster-server: the cluster entry too).") var cluster:
        String?
    @Option(help: "The cluster's API server URL.") var clusterServer: String?
    @Option(help: "The cluster's CA certificate file.") var certificateAuthority: String?

    func run() async throws {
        let server = try client.loginServer(cache: LoginTokenCache.standard())
        let path = kubeconfig ?? Self.defaultPath()
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var merge = try KubeconfigMerge(yaml: existing)
        merge.setExecUser(name: user, berthPath: Self.berthPath(), server: server)
        if let cluster {
            if let clusterServer {
                merge.setCluster(name: cluster, server: clusterServer, certificateAuthority: certificateAuthority)
            } else if !merge.hasCluster(cluster) {
                throw ValidationErrorMessage(
                    "cluster \"\(cluster)\" is not in \(path): add --cluster-server (and --certificate-authority)")
            }
            merge.setContext(name: "\(cluster)-\(user)", cluster: cluster, user: user)
        }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".berth.tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(try merge.yaml().utf8), attributes: [.posixPermissions: 0o600])
        else { throw ValidationErrorMessage("cannot write \(temporary): check that \(directory) is writable") }
        guard rename(temporary, path) == 0 else {
            throw ValidationErrorMessage("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
        print("wrote user \"\(user)\"\(cluster.map { " and context \"\($0)-\(user)\"" } ?? "") to \(path)")
    }

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let first = environment["KUBECONFIG"]?.split(separator: ":").first, !first.isEmpty { return String(first) }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.kube/config"
    }

    /// This executable's absolute path, so kubectl finds it without PATH.
    static func berthPath() -> String {
        let argument = CommandLine.arguments.first ?? "berth"
        guard argument.contains("/") else { return "berth" }
        return URL(fileURLWithPath: argument).standardizedFileURL.path
    }
}
