import ArgumentParser
import BerthRPC
import Foundation

/// `berth login --username U --password-file F`: a password login through berth-identity's socket (the device
/// flow through the gateway comes later). Stores the ID token in the token cache for `berth whoami`.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in with a username and password; the ID token goes to ~/.config/berth/tokens.json (0600).",
        discussion: """
            Talks to berth-identity's socket on the host, so it needs root or the berth-admin group. The password
            is read from a file (never from the command line, where other users could see it).

            Example:
              berth login --username admin --password-file /var/lib/berth/bootstrap-admin-password
            """)

    @OptionGroup var client: ClientOptions
    @Option(help: "The username.") var username: String
    @Option(help: "A file whose first line is the password.") var passwordFile: String
    @Option(help: "The connector to log in through.") var connector: String = "local"

    func run() async throws {
        guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8),
            let password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init),
            !password.isEmpty
        else {
            throw ValidationErrorMessage("--password-file \(passwordFile): cannot read a password from it: check the path")
        }
        let identity = try client.client(for: .identity)
        let result: Result<IdentityV1.PasswordLoginResponse, RPCClientError>
        do {
            result = .success(
                try await identity.unary(
                    IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(
                        connectorId: connector, username: username, password: password, clientId: "berth-cli")))
        } catch {
            result = .failure(error)
        }
        await identity.close()
        let login = try result.get()
        let cache = LoginTokenCache.standard()
        try cache.store(
            LoginTokenCache.Entry(
                subject: login.subject, username: username, sessionId: login.sessionId, idToken: login.idToken,
                expiresAt: login.expiresAtUnix))
        print("logged in as \(username) (subject \(login.subject)); token saved to \(cache.path)")
    }
}
