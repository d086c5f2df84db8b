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

    func run() async throws {
        let cache = LoginTokenCache.standard()
        let server = try client.loginServer(cache: cache)
        do {
            let entry = try await LoginRefresh.freshEntry(server: server, cache: cache, http: client.http(server, cache: cache))
            print(try Self.execCredential(token: entry.idToken, expiresAt: entry.expiresAt))
        } catch let error as LoginRequired {
            FileHandle.standardError.write(Data("berth: \(error)\n".utf8))
            throw ExitCode(CLIExitCode.loginRequired)
        }
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
}
