import ArgumentParser
import Foundation

/// `berth token`: a client.authentication.k8s.io/v1 ExecCredential on stdout for kubectl, with the cached ID
/// token, refreshed first (rotating the refresh token) when it expires within a minute. When a new login is
/// needed: a message on stderr and exit code 2 (kubectl shows the message).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print an ExecCredential with a fresh ID token (the kubectl exec plugin).",
        discussion: """
            kubectl runs this through the user entry `berth kubeconfig` writes. It reads the token cache of
            `berth login`, refreshes the ID token silently when it expires within a minute, and prints
            {"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": {...}}.
            """)

    @OptionGroup var client: ClientOptions
    @OptionGroup var target: LoginServerOption

    /// Refresh when the token has less than this left (seconds).
    static let refreshMargin: Int64 = 60

    func run() async throws {
        let cache = LoginTokenCache.standard()
        let server = try target.resolve(client, cache: cache)
        guard var entry = cache.load(server: server)?.entry else {
            throw needsLogin(server, "you are not logged in to \(server)")
        }
        let now = Int64(Date().timeIntervalSince1970)
        if entry.expiresAt - now < Self.refreshMargin {
            guard !entry.refreshToken.isEmpty else {
                throw needsLogin(server, "your Berth token expired and this login cannot be refreshed")
            }
            let answer = try await LoginHTTPClient(server: server).post(
                "/token",
                ["grant_type": "refresh_token", "refresh_token": entry.refreshToken, "client_id": entry.clientId])
            guard answer.error.isEmpty, answer.status == 200 else {
                if answer.error == "invalid_grant" { try? cache.remove(server: server) }
                throw needsLogin(
                    server,
                    "your Berth login ended (\(answer.error.isEmpty ? "HTTP \(answer.status)" : answer.errorDescription))"
                )
            }
            entry = LoginHTTPClient.entry(from: answer, clientID: entry.clientId)
            try cache.store(entry, server: server)
        }
        print(try Self.execCredential(token: entry.idToken, expiresAt: entry.expiresAt))
    }

    /// The ExecCredential JSON (RFC 3339 expiry, so kubectl calls again before it).
    static func execCredential(token: String, expiresAt: Int64) throws -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let document: [String: Any] = [
            "apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
            "status": [
                "token": token,
                "expirationTimestamp": formatter.string(from: Date(timeIntervalSince1970: TimeInterval(expiresAt))),
            ],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private func needsLogin(_ server: String, _ why: String) -> ExitCode {
        FileHandle.standardError.write(Data("berth: \(why): run `berth login --server \(server)`\n".utf8))
        return ExitCode(2)
    }
}
