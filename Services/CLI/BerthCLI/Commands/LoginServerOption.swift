import ArgumentParser

/// `--server`: the Berth server (its issuer, `gateway.publicURL`). Default: the current login's server, else
/// the config's `gateway.publicURL`.
struct LoginServerOption: ParsableArguments {
    @Option(help: "The Berth server URL (gateway.publicURL).") var server: String?

    func resolve(_ client: ClientOptions, cache: LoginTokenCache) throws -> String {
        if let server, !server.isEmpty { return server.hasSuffix("/") ? String(server.dropLast()) : server }
        let current = cache.loadFile().current
        if !current.isEmpty { return current }
        return try client.common.loadConfig().gateway.publicURL
    }
}
