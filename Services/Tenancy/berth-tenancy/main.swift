import ArgumentParser
import BerthRuntime
import TenancyService

/// berth-tenancy: parse flags, load config, run the service library. Logic belongs in TenancyService.
@main
struct BerthTenancyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-tenancy",
        abstract: "Berth's tenancy manager: clusters, teams, templates, spaces and quotas, served on tenancy.sock.",
        discussion: """
            Normally started by berthd (or systemd's berth-tenancy.service), not by hand. Runs until SIGTERM or SIGINT,
            then stops gracefully. Exits non-zero with a message naming the problem when the config is invalid or
            its database cannot be opened.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await ServiceMain.run(.tenancy, options: options) { config, logger in
            try TenancyService.build(config: config, logger: logger)
        }
    }
}
