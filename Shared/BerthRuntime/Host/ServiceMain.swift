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
        let logger = BerthLogging.bootstrap(service: name, config: config)
        let host = try build(config, logger)
        try await host.run()
    }
}
