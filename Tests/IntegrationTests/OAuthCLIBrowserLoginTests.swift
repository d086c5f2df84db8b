import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import Synchronization
import XCTest

/// `berth login --browser`: the CLI prints the authorization URL and listens on 127.0.0.1; a browser (python
/// requests) opens it, posts the login form with its CSRF token and follows the redirect to the CLI's loopback
/// listener, which exchanges the code with its PKCE verifier.
final class OAuthCLIBrowserLoginTests: XCTestCase {
    static let password = "cli-browser-password"

    /// The browser: GET the URL, post the form as a person would, follow the redirect back to the CLI.
    static let browser = #"""
        import html, re, sys, requests
        url, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
        s = requests.Session()
        page = s.get(url)
        fields = {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)}
        base = url.split("/authorize")[0]
        back = s.post(base + "/login", data=dict(fields, username=user, password=password))
        print(back.status_code, back.url.split("?")[0])
        """#

    func testBrowserLoginThroughTheLoopbackListener() async throws {
        let berth = IdentityCLILoginTests.berth
        guard FileManager.default.isExecutableFile(atPath: berth) else {
            throw XCTSkip("\(berth) is not built: run `swift build` first (make test does)")
        }
        guard (try? await IdentityOIDCTests.runPython(["-c", "import requests"], environment: [:])) != nil else {
            throw XCTSkip("needs Debian's /usr/bin/python3 with python3-requests (make test-deps)")
        }
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "cli-browser")
        defer { root.remove() }
        let passwordFile = root.appending("password")
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(port)"
        let env = try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        let configHome = root.appending("config")
        let identity = try IdentityService.build(config: env.config, logger: logger, audit: .disabled)
        try await withRunningService(identity, in: env) {
            try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                let browserOutput = BrowserOutput()
                let login = try await OAuthCLITests.runInteracting(
                    berth, ["login", "--browser", "--no-open", "--server", base],
                    environment: ["XDG_CONFIG_HOME": configHome, "HOME": root.path],
                    act: { url in
                        let outcome = try await IdentityOIDCTests.runPython(
                            ["-c", Self.browser, url, "admin", Self.password], environment: [:])
                        browserOutput.set(outcome)
                    },
                    extract: { output in
                        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                            .first { $0.hasPrefix(base + "/authorize?") }
                    })
                XCTAssertEqual(login.status, 0, login.stderr)
                XCTAssertTrue(login.stdout.contains("logged in as admin"), login.stdout)
                XCTAssertTrue(browserOutput.value.hasPrefix("200 http://127.0.0.1:"), browserOutput.value)
                XCTAssertTrue(browserOutput.value.contains("/callback"), browserOutput.value)
                let cache = try OAuthCLITests.entry(configHome + "/berth/tokens.json", base)
                XCTAssertFalse((cache["refreshToken"] as? String ?? "").isEmpty)
                let verified = try await UnixRPCClient.call(
                    socketPath: env.paths.socketPath(for: .identity), IdentityV1.verifyToken,
                    IdentityV1.VerifyTokenRequest(token: cache["idToken"] as? String ?? "", audience: "berth-cli"))
                XCTAssertEqual(verified.username, "admin")
            }
        }
    }
}

/// What the python browser printed (set from its task, read after).
final class BrowserOutput: Sendable {
    private let box = Mutex("")
    var value: String { box.withLock { $0 } }
    func set(_ text: String) { box.withLock { $0 = text } }
}
