import ArgumentParser
import BerthRuntime
import GatewayService

/// berth-gateway: parse flags, load config, run the service library. Logic belongs in GatewayService.
@main
struct BerthGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-gateway",
        abstract: "Berth's gateway: the only HTTP listener (API, login, web UI), plus gateway.sock.",
        discussion: """
            Normally started by berthd (or systemd's berth-gateway.service), not by hand. Runs until SIGTERM or SIGINT,
            then stops gracefully. Exits non-zero with a message naming the problem when the config is invalid or
            its database cannot be opened.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await ServiceMain.run(.gateway, options: options) { config, logger in
            try GatewayService.build(config: config, logger: logger)
        }
    }
}
