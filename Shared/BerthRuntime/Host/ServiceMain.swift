import BerthModel
import Foundation
import Logging

/// The body of every `berth-<service>` executable: load config, set up logging, build, run.
public enum ServiceMain {
    public static func run(
        _ name: ServiceName, options: CommonOptions,
        build: (BerthConfig, Logger) throws -> ServiceHost
    ) async throws {
        let config = try options.loadConfig()
        BerthLogging.bootstrap(level: config.log.level, format: config.log.format)
        let logger = Logger(label: name.loggerLabel)
        let host = try build(config, logger)
        try await host.run()
    }
}
