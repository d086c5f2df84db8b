import ArgumentParser
import BerthRuntime
import AuditService

/// berth-audit: parse flags, load config, run the service library. Logic belongs in AuditService.
@main
struct BerthAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-audit",
        abstract: "Berth's audit log: the append-only record of every action, served on audit.sock.",
        discussion: """
            Normally started by berthd (or systemd's berth-audit.service), not by hand. Runs until SIGTERM or SIGINT,
            then stops gracefully. Exits non-zero with a message naming the problem when the config is invalid or
            its database cannot be opened.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await ServiceMain.run(.audit, options: options) { config, logger in
            try AuditService.build(config: config, logger: logger)
        }
    }
}
