import ArgumentParser
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation

/// How `berth` reaches Berth: the services' Unix sockets on the host (the same flags and environment as every
/// Berth executable, `CommonOptions`), or the gateway over HTTPS with the cached `berth login` token.
///
/// Which one: `--server URL` (or `$BERTH_SERVER`) means the gateway; otherwise the local sockets when the
/// service's socket exists, else the server of the current login. So on the host an admin needs no flags, and on
/// a laptop `berth login --server …` once is enough.
struct ClientOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("timeout"), help: "How long to wait for an answer, in seconds.")
    var timeoutSeconds: Int = 10

    @Option(
        help: ArgumentHelp(
            "The Berth server (its gateway.publicURL, e.g. https://berth.example.com): commands then go through its "
                + "gateway with your `berth login` token (env: BERTH_SERVER). Default: the local sockets when "
                + "present, else the current login's server.", valueName: "url"))
    var server: String?

    @Option(
        help: ArgumentHelp(
            "A PEM CA file to trust for the server's TLS certificate, e.g. the self-signed one `berth admin init` "
                + "made (env: BERTH_SERVER_CA; remembered by `berth login`).", valueName: "file"))
    var serverCA: String?

    /// A client for `service`: its socket, or the gateway's relay (see the type's comment).
    func client(for service: ServiceName) throws -> any RPCCalling {
        if let server = try remoteServer(for: service) { return try remote(server) }
        return try socketClient(for: service)
    }

    /// The gateway `client(for:)` goes to, or nil for the local socket.
    func remoteServer(for service: ServiceName) throws -> String? {
        if let server = explicitServer { return server }
        guard !FileManager.default.fileExists(atPath: try socketPath(for: service)) else { return nil }
        return LoginTokenCache.standard().loadFile().current.nilIfEmpty
    }

    /// The bearer token for `server`: `$BERTH_TOKEN`, else its login (refreshed when it expires soon).
    func bearerToken(for server: String) async throws -> String {
        if let token = ProcessInfo.processInfo.environment["BERTH_TOKEN"]?.nilIfEmpty { return token }
        return try await LoginRefresh.freshEntry(server: server, cache: .standard(), http: http(server)).idToken
    }

    /// A client for `service`'s socket, for what only runs on the host (backup, restore, password login); says
    /// so when `--server` asks for a remote server.
    func localClient(for service: ServiceName, command: String) throws -> UnixRPCClient {
        if let server = explicitServer {
            throw ValidationErrorMessage("`berth \(command)` runs on the Berth host only, not through \(server): drop --server")
        }
        return try socketClient(for: service)
    }

    /// `service`'s socket, whatever `--server` says (`berth login --password-file --server S` logs in on the host
    /// and files the token under S).
    func socketClient(for service: ServiceName) throws -> UnixRPCClient {
        UnixRPCClient(
            socketPath: try socketPath(for: service), defaultDeadline: .seconds(timeoutSeconds), connectRetry: .seconds(2))
    }

    private func socketPath(for service: ServiceName) throws -> String {
        BerthPaths(config: try common.loadConfig()).socketPath(for: service)
    }

    /// `--server` or `$BERTH_SERVER`, without a trailing slash.
    var explicitServer: String? {
        let value = server ?? ProcessInfo.processInfo.environment["BERTH_SERVER"]
        guard let value, !value.isEmpty else { return nil }
        return value.hasSuffix("/") ? String(value.dropLast()) : value
    }

    /// The Berth server for login, token and kubeconfig: `--server`, else the current login's, else the config's
    /// `gateway.publicURL`.
    func loginServer(cache: LoginTokenCache) throws -> String {
        if let server = explicitServer { return server }
        let current = cache.loadFile().current
        if !current.isEmpty { return current }
        return try common.loadConfig().gateway.publicURL
    }

    /// HTTP to `server`, trusting `--server-ca`, `$BERTH_SERVER_CA`, or the CA its login used.
    func http(_ server: String, cache: LoginTokenCache = .standard()) -> GatewayHTTPClient {
        let flag = serverCA ?? ProcessInfo.processInfo.environment["BERTH_SERVER_CA"]
        let remembered = cache.load(server: server)?.entry.serverCA
        return GatewayHTTPClient(server: server, caFile: flag.flatMap { $0.isEmpty ? nil : $0 } ?? remembered)
    }

    /// The gateway's relay, with `$BERTH_TOKEN` or the login of `server` (refreshed when it expires soon).
    private func remote(_ server: String) throws -> any RPCCalling {
        let options = self
        return GatewayRPCClient(http: http(server), defaultDeadline: .seconds(timeoutSeconds)) { () async throws(RPCClientError) -> String in
            do {
                return try await options.bearerToken(for: server)
            } catch let error as LoginRequired {
                throw RPCClientError(code: .unauthenticated, message: error.description)
            } catch {
                throw RPCClientError(code: .unavailable, message: "\(error)")
            }
        }
    }
}

extension ClientOptions {
    /// Who the CLI acts as on the sockets: `$BERTH_TOKEN` (an access key or ID token) when set, else the current
    /// `berth login` while its ID token is valid, else nobody (the services then recognise local admins by their
    /// Unix user). Sent as `authorization: Bearer …` metadata; the services verify it with berth-identity.
    /// (Through the gateway, `GatewayRPCClient` sends the token itself.)
    static func callerMetadata(now: Date = Date()) -> [String: String] {
        let environment = ProcessInfo.processInfo.environment
        if let token = environment["BERTH_TOKEN"], !token.isEmpty { return BearerToken.metadata(forwarding: token) }
        guard let login = LoginTokenCache.standard().load(), login.entry.expiresAt > Int64(now.timeIntervalSince1970)
        else { return [:] }
        return BearerToken.metadata(forwarding: login.entry.idToken)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
