import ArgumentParser
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation

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

extension ClientOptions {
    /// Who the CLI acts as on the sockets: `$BERTH_TOKEN` (an access key or ID token) when set, else the current
    /// `berth login` while its ID token is valid, else nobody (the services then recognise local admins by their
    /// Unix user). Sent as `authorization: Bearer …` metadata; the services verify it with berth-identity.
    static func callerMetadata(now: Date = Date()) -> [String: String] {
        let environment = ProcessInfo.processInfo.environment
        if let token = environment["BERTH_TOKEN"], !token.isEmpty { return BearerToken.metadata(forwarding: token) }
        guard let login = LoginTokenCache.standard().load(), login.entry.expiresAt > Int64(now.timeIntervalSince1970)
        else { return [:] }
        return BearerToken.metadata(forwarding: login.entry.idToken)
    }
}
