import ArgumentParser
import BerthRuntime
import IdentityService

/// berth-identity: parse flags, load config, run the service library. Logic belongs in IdentityService.
@main
struct BerthIdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-identity",
        abstract: "Berth's identity service: users, groups, sessions and tokens, served on identity.sock.",
        discussion: """
            Normally started by berthd (or systemd's berth-identity.service), not by hand. Runs until SIGTERM or SIGINT,
            then stops gracefully. Exits non-zero with a message naming the problem when the config is invalid or
            its database cannot be opened.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await ServiceMain.run(.identity, options: options) { config, logger in
            try IdentityService.build(config: config, logger: logger)
        }
    }
}
