import ArgumentParser
import BerthRPC
import Foundation

/// `berth login`: the device flow by default (prints a URL and a code, waits for approval), `--browser` for code
/// + PKCE through a loopback redirect, `--username/--password-file` for scripts on the host (identity's socket).
/// The tokens go to the token cache for `berth token`, `berth whoami` and `berth logout`.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in to Berth; the tokens go to ~/.config/berth/tokens.json (0600).",
        discussion: """
            Default: the device flow — open the URL shown, enter the code, sign in and approve. --browser signs in
            through your browser instead (a listener on 127.0.0.1 receives the answer). On the Berth host, scripts
            may log in with --username and --password-file over berth-identity's socket (root or berth-admin; no
            refresh token). The password is read from a file, never from the command line.

            Examples:
              berth login --server https://berth.example.com
              berth login --browser
              berth login --username admin --password-file /var/lib/berth/bootstrap-admin-password
            """)

    @OptionGroup var client: ClientOptions
    @Flag(help: "Sign in through a browser (code + PKCE) instead of the device flow.") var browser = false
    @Flag(help: "With --browser: only print the URL, do not try to open a browser.") var noOpen = false
    @Option(help: "Script login on the host: the username.") var username: String?
    @Option(help: "Script login on the host: a file whose first line is the password.") var passwordFile: String?
    @Option(help: "Script login: the connector to log in through.") var connector: String = "local"

    func run() async throws {
        let cache = LoginTokenCache.standard()
        let server = try client.loginServer(cache: cache)
        let entry: LoginTokenCache.Entry
        if let passwordFile {
            guard let username else { throw ValidationErrorMessage("--password-file needs --username") }
            entry = try await passwordLogin(username: username, passwordFile: passwordFile)
        } else if browser {
            entry = try await LoginFlows.browser(LoginHTTPClient(http: client.http(server)), open: !noOpen)
        } else {
            entry = try await LoginFlows.device(LoginHTTPClient(http: client.http(server)))
        }
        var stored = entry
        stored.serverCA = client.serverCA.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        try cache.store(stored, server: server)
        print("logged in as \(entry.username) (subject \(entry.subject)); token saved to \(cache.path)")
    }

    private func passwordLogin(username: String, passwordFile: String) async throws -> LoginTokenCache.Entry {
        guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8),
            let password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init),
            !password.isEmpty
        else {
            throw ValidationErrorMessage(
                "--password-file \(passwordFile): cannot read a password from it: check the path")
        }
        let identity = try client.socketClient(for: .identity)
        let result: Result<IdentityV1.PasswordLoginResponse, RPCClientError>
        do {
            result = .success(
                try await identity.unary(
                    IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(
                        connectorId: connector, username: username, password: password, clientId: LoginFlows.clientID)))
        } catch {
            result = .failure(error)
        }
        await identity.close()
        let login = try result.get()
        return LoginTokenCache.Entry(
            subject: login.subject, username: username, sessionId: login.sessionId, idToken: login.idToken,
            expiresAt: login.expiresAtUnix)
    }
}
