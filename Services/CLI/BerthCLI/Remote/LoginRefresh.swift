import Foundation

/// The cached login for a server as a token to send: refreshed first (rotating the refresh token) when it
/// expires within `margin`. Shared by `berth token` (kubectl's exec plugin) and the gateway relay client.
enum LoginRefresh {
    /// Refresh when the token has less than this left (seconds).
    static let margin: Int64 = 60

    static func freshEntry(
        server: String, cache: LoginTokenCache, http: GatewayHTTPClient, now: Date = Date()
    ) async throws -> LoginTokenCache.Entry {
        guard var entry = cache.load(server: server)?.entry else {
            throw LoginRequired(server: server, why: "you are not logged in to \(server)")
        }
        guard entry.expiresAt - Int64(now.timeIntervalSince1970) < margin else { return entry }
        guard !entry.refreshToken.isEmpty else {
            throw LoginRequired(server: server, why: "your Berth token expired and this login cannot be refreshed")
        }
        let answer = try await LoginHTTPClient(http: http).post(
            "/token", ["grant_type": "refresh_token", "refresh_token": entry.refreshToken, "client_id": entry.clientId])
        guard answer.error.isEmpty, answer.status == 200 else {
            if answer.error == "invalid_grant" { try? cache.remove(server: server) }
            throw LoginRequired(
                server: server,
                why: "your Berth login ended (\(answer.error.isEmpty ? "HTTP \(answer.status)" : answer.errorDescription))")
        }
        let caFile = entry.serverCA
        entry = LoginHTTPClient.entry(from: answer, clientID: entry.clientId)
        entry.serverCA = caFile
        try cache.store(entry, server: server)
        return entry
    }
}

/// A new `berth login` is needed; exit code 2 (`CLIExitCode`).
struct LoginRequired: Error, CustomStringConvertible {
    let server: String
    let why: String

    var description: String { "\(why): run `berth login --server \(server)`" }
}
