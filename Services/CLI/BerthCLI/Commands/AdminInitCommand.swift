import ArgumentParser
import BerthRuntime
import Foundation

/// `berth admin init`: creates what the services need at their first start (audit's signing key, the gateway's
/// self-signed certificate when none is configured) and prints the next steps. Safe to run again: it never
/// overwrites a key or certificate.
struct AdminInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Prepare the state directory for Berth's first start (keys, TLS); print next steps.",
        discussion: """
            Run as root before the first start, or with Berth stopped (it refuses while a Berth socket answers).
            Creates in the state directory (--state-dir, or paths.stateDir from --config): audit-signing-key.pem
            (0600) and its .pub.pem, and, unless gateway.tls.certFile is set, tls/tls.key (0600) and a self-signed
            tls/tls.crt (P-256; SAN: --hostname, localhost, 127.0.0.1). Files given to the state directory's owner.
            Existing keys and certificates are kept, never replaced. Give the packaged config:
            berth admin init --config /etc/berth/berth.yaml
            """)

    @Option(help: "The host name in the certificate (default: this host's name).") var hostname: String?
    @Option(help: "How many days the self-signed certificate is valid.") var certificateDays: Int = 825
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func validate() throws {
        guard (1...3650).contains(certificateDays) else {
            throw ValidationError("--certificate-days \(certificateDays): give 1 to 3650")
        }
    }

    /// `-o json|yaml`: what was done, and the same next steps the table output prints.
    struct Report: Codable {
        var stateDirectory: String
        var items: [AdminInitItem]
        var issuerURL: String
        var nextSteps: [String]
    }

    func run() async throws {
        let config = try client.common.loadConfig()
        let paths = BerthPaths(config: config)
        try await AdminRestoreCommand.refuseWhileRunning(paths)
        let state = paths.stateDirectory
        if !AdminStateFiles.isDirectory(state) { try AdminStateFiles.makeDirectory(state, mode: 0o700) }
        let owner = AdminStateFiles.owner(of: state)
        let host = hostname ?? AdminInitSteps.hostName()

        var items = try AdminInitSteps.auditSigningKey(paths, owner: owner)
        items += try AdminInitSteps.gatewayCertificate(
            config, paths, hostname: host, validity: .seconds(certificateDays * 86_400), now: Date(), owner: owner)
        items.append(try AdminInitSteps.bootstrapAdmin(config, paths, owner: owner))

        let report = Report(
            stateDirectory: state, items: items, issuerURL: AdminInitNextSteps.issuerURL(config, hostname: host),
            nextSteps: AdminInitNextSteps.text(
                config: config, paths: paths, hostname: host, generatedTLS: config.gateway.tls.certFile.isEmpty,
                configFile: client.common.configFile ?? "/etc/berth/berth.yaml"))
        try output.print(report) {
            Table(header: ["ITEM", "STATUS", "PATH", "NOTE"], rows: items.map { [$0.item, $0.status.rawValue, $0.path, $0.note] })
        }
        if output == .table {
            print("\nNext steps:")
            for (number, step) in report.nextSteps.enumerated() {
                print("\(number + 1). " + step.replacingOccurrences(of: "\n", with: "\n   "))
            }
        }
    }
}
