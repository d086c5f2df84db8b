import ArgumentParser
import BerthModel
import BerthRPC
import BerthRuntime

/// Where the sockets are: the same flags and environment as every Berth executable (`CommonOptions`).
struct ClientOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("timeout"), help: "How long to wait for an answer, in seconds.")
    var timeoutSeconds: Int = 10

    /// A client for `service`'s socket; says how to fix a missing socket.
    func client(for service: ServiceName) throws -> UnixRPCClient {
        let config = try common.loadConfig()
        return UnixRPCClient(
            socketPath: BerthPaths(config: config).socketPath(for: service),
            defaultDeadline: .seconds(timeoutSeconds), connectRetry: .seconds(2))
    }
}
