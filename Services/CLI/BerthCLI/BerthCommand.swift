import ArgumentParser

/// `berth`: the root command.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct BerthCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "Berth's command line: spaces, teams, audit — for engineers and admins.",
        discussion: """
            On the Berth host, berth talks to the services' Unix sockets (default /run/berth; set \
            --runtime-dir or BERTH_RUNTIME_DIR to point elsewhere). Local callers are identified by the kernel: \
            root and members of the berth-admin group may change things; everyone else may read.

            From anywhere else, `berth login --server https://berth.example.com` once; later commands go to that \
            server's gateway over HTTPS with your token (refreshed silently), or name one with --server or \
            BERTH_SERVER. A self-signed gateway certificate: add --server-ca FILE (remembered by the login). \
            In scripts, BERTH_TOKEN=<access key> acts as that key.

            \(CLIExitCode.help)

            Examples:
              berth whoami
              berth login --server https://berth.example.com
              berth space create dev --team payments
              berth space list -o yaml
              berth kubeconfig --cluster dev --cluster-server https://dev-api.example.com:6443
              berth team create payments --group cn=payments,ou=groups,dc=example,dc=com
              berth team list -o json
              berth audit tail --limit 20
              berth admin backup /var/backups/berth/2026-01-31
            """,
        subcommands: [
            WhoAmICommand.self, LoginCommand.self, TokenCommand.self, KubeconfigCommand.self, LogoutCommand.self,
            TeamCommand.self, SpaceCommand.self, TemplateCommand.self, ClusterCommand.self, AuditCommand.self,
            WebhookCommand.self, AdminCommand.self, AccessKeyCommand.self, UserCommand.self, GroupCommand.self,
            SleepCommand.self, ReportCommand.self,
        ])

    public init() {}
}
