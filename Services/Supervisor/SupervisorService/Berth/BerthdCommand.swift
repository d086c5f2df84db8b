import ArgumentParser
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import Logging

/// `berthd`: the supervisor's command line.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct BerthdCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "berthd",
        abstract: "Berth's supervisor: runs audit, identity, tenancy, sleep and gateway as child processes.",
        discussion: """
            Starts the services in dependency order (each after the previous answers SERVING on its socket),
            restarts a crashed one with exponential backoff, tells systemd READY=1 when all serve, and on
            SIGTERM stops them in reverse order. `berthd status` shows each service; it exits 0 only when
            every service is serving.

            Examples:
              berthd --config /etc/berth/berth.yaml
              berthd --check-config --config /etc/berth/berth.yaml
              berthd status
            """,
        subcommands: [BerthdRunCommand.self, BerthdStatusCommand.self],
        defaultSubcommand: BerthdRunCommand.self)

    public init() {}
}

/// `berthd [run]`: supervise the services (the default).
struct BerthdRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the services under supervision (the default).")

    @OptionGroup var options: CommonOptions

    @Flag(name: .customLong("check-config"), help: "Validate the configuration, print the problems, and exit.")
    var checkConfig = false

    func run() async throws {
        let config: BerthConfig
        do {
            config = try options.loadConfig()
        } catch {
            if checkConfig { print("configuration is invalid:\n\(error)") }
            throw ExitCode(78)  // EX_CONFIG
        }
        if checkConfig {
            print("configuration is valid")
            return
        }
        let logger = BerthLogging.bootstrap(service: "supervisor", level: config.log.level, format: config.log.format)
        let group = try BerthSupervisor.build(
            config: config, childArguments: ChildArguments.forwarding(config, configFile: options.configFile),
            logger: logger)
        try await group.run()
    }
}

/// `berthd status`
struct BerthdStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each service's state, pid, restarts and uptime; exit 0 only when all are serving.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config = try options.loadConfig()
        let socket = BerthPaths(config: config).supervisorSocketPath
        let response: SupervisorV1.StatusResponse
        do {
            response = try await UnixRPCClient.call(
                socketPath: socket, SupervisorV1.status, SupervisorV1.StatusRequest(), connectRetry: .seconds(1))
        } catch {
            print("berthd is not answering on \(socket): \(error)")
            throw ExitCode(3)
        }
        let report = StatusReport.render(response)
        print(report.text, terminator: "")
        if !report.allServing { throw ExitCode(1) }
    }
}

/// The flags a child gets so that it resolves exactly the configuration berthd resolved.
enum ChildArguments {
    static func forwarding(_ config: BerthConfig, configFile: String?) -> [String] {
        var arguments: [String] = []
        if let configFile { arguments += ["--config", configFile] }
        arguments += [
            "--state-dir", config.paths.stateDir, "--runtime-dir", config.paths.runtimeDir,
            "--bin-dir", config.paths.binDir, "--log-level", config.log.level.rawValue,
            "--log-format", config.log.format.rawValue,
        ]
        return arguments
    }
}
