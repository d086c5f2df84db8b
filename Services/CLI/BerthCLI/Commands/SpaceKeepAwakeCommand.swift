import ArgumentParser
import BerthRPC
import Foundation

/// `berth space keep-awake NAME --until <RFC3339|duration>`
struct SpaceKeepAwakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keep-awake", abstract: "Keep a space awake until a time (waking it if it sleeps).",
        discussion: "--until now ends the pin. Examples: --until 2h, --until 2026-11-20T18:00:00Z.")

    @Argument(help: "The space's name.") var name: String
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @Option(help: "An RFC 3339 time, a duration from now (2h, 90m, 3d), or now.") var until: String
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let now = Date()
        var when = try SleepCommandSupport.time(until, option: "--until", now: now, future: true)
        if until == "now" { when = now.addingTimeInterval(-1) }
        let state = try await client.client(for: .sleep).unary(
            SleepV1.keepAwake,
            SleepV1.KeepAwakeRequest(
                space: SleepCommandSupport.ref(name, cluster: cluster), untilUnixSeconds: Int64(when.timeIntervalSince1970)),
            metadata: SleepCommandSupport.metadata())
        try output.print(state) { SleepCommandSupport.table(state) }
    }
}
