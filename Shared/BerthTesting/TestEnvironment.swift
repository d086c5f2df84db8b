import BerthModel
import BerthRPC
import BerthRuntime
import Foundation

/// A throwaway Berth installation: state and runtime directories in a temp dir and a config pointing at them.
public struct TestEnvironment: Sendable {
    public let root: TemporaryDirectory
    public let config: BerthConfig
    public var paths: BerthPaths { BerthPaths(config: config) }

    /// - Parameter binDir: where the built executables are, for end-to-end tests (default: unused).
    public init(binDir: String = "/nonexistent", configure: (inout BerthConfig) -> Void = { _ in }) throws {
        root = try TemporaryDirectory()
        var config = BerthConfig.defaults(binDir: binDir)
        config.paths.stateDir = root.appending("state")
        config.paths.runtimeDir = root.appending("run")
        config.storage.synchronous = .normal  // tests do not need power-loss durability, only speed
        configure(&config)
        self.config = config
    }

    /// A client for a service's socket in this environment.
    public func client(for service: ServiceName, deadline: Duration = .seconds(5)) -> UnixRPCClient {
        UnixRPCClient(socketPath: paths.socketPath(for: service), defaultDeadline: deadline, connectRetry: .seconds(5))
    }

    /// True once the service answers SERVING on its health service.
    public func isServing(_ service: ServiceName) async -> Bool {
        let response = try? await UnixRPCClient.call(
            socketPath: paths.socketPath(for: service), HealthV1.check, HealthV1.HealthCheckRequest(service: ""),
            deadline: .seconds(1))
        return response?.status == .serving
    }

    public func remove() { root.remove() }
}
