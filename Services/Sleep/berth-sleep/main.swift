import ArgumentParser
import BerthRuntime
import SleepService

/// berth-sleep: parse flags, load config, run the service library. Logic belongs in SleepService.
@main
struct BerthSleepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-sleep",
        abstract: "Berth's sleep controller: idle spaces sleep, wake on demand, expire; served on sleep.sock.",
        discussion: """
            Normally started by berthd (or systemd's berth-sleep.service), not by hand. Runs until SIGTERM or SIGINT,
            then stops gracefully. Exits non-zero with a message naming the problem when the config is invalid or
            its database cannot be opened.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await ServiceMain.run(.sleep, options: options) { config, logger in
            try SleepService.build(config: config, logger: logger)
        }
    }
}
